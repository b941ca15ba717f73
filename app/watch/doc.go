// Package watch compares what CloudFront reports with what the product applied: CloudTrail
// records of changes made outside the product, and the scheduled drift check of every
// distribution.
package watch
