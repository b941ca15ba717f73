// Package app is the home of the use cases, split by role into three packages that never import
// one another (make lint enforces it):
//
//   - app/intake: what the API side does: validate and plan a request, write the intent
//     (operation + resource records) and send the command.
//   - app/converge: what the worker does: the convergers of every operation kind (and their
//     failure hooks, in one table in worker.go), the delete cleanups, and the sweeper.
//   - app/watch: what the watch does: CloudTrail records, the scheduled drift check.
//
// What more than one role needs (the dependency set, record encoding, intent submission,
// origin links and bucket policies, operation inputs, drift reports) lives in app/shared.
package app
