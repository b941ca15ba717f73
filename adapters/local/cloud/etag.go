package cloud

import (
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/domain"
)

// checkIfMatch compares a caller's If-Match with the current ETag, as CloudFront does.
func checkIfMatch(ifMatch, current string) error {
	switch ifMatch {
	case "":
		return domain.Permanent(errors.New("InvalidIfMatchVersion: The If-Match version is missing or not valid for the resource"))
	case current:
		return nil
	}
	return fmt.Errorf("PreconditionFailed: The precondition given in one or more of the request-header fields evaluated to false (If-Match %s, current %s): %w",
		ifMatch, current, domain.ErrPreconditionFailed)
}
