// Package intake holds the API-side use cases: reads, and mutations that validate and plan a
// request, write the intent (operation + resource records) atomically and send the command a
// worker converges (app/converge). It never calls the cloud to change anything.
package intake
