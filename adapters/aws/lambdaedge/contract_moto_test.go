package lambdaedge

import (
	"testing"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestLambdaFunctionsContractOnMoto(t *testing.T) {
	cfg := awstest.Config(t)
	role := createRole(t, awstest.Name(t, "role")) // moto checks the role exists in its own account
	cloudtest.RunLambdaFunctions(t, func(*testing.T) domain.LambdaFunctions { return New(cfg, Options{}) }, cloudtest.Options{
		RoleARN: role,
	})
}
