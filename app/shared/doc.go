// Package shared holds what the use-case roles (app/intake, app/converge, app/watch) have in
// common: the dependency set (Deps), how records are encoded in the store, how an intent is
// submitted, the records that link origins and distributions, bucket-policy sync, the inputs
// an intake use case leaves on an operation for its converger, and drift reports. It depends
// on domain ports only and imports none of the roles.
package shared
