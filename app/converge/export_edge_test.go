package converge

import "time"

// SetLambdaActiveWait shortens the bounded wait for a Pending Lambda function in tests and
// returns a function that restores it.
func SetLambdaActiveWait(checks int, interval time.Duration) (restore func()) {
	old := lambdaActiveWait
	lambdaActiveWait.Checks, lambdaActiveWait.Interval = checks, interval
	return func() { lambdaActiveWait = old }
}
