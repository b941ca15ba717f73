package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/stretchr/testify/assert"
)

// TestNagHasNoUnsuppressedFindings: cdk-nag's AWS Solutions pack reports nothing, as an error
// or as a warning, in any stack of either fixture.
func TestNagHasNoUnsuppressedFindings(t *testing.T) {
	for name, f := range map[string]*fixture{"main": mainFixture(t), "alt": altFixture(t)} {
		for _, st := range f.stacks.All() {
			ann := assertions.Annotations_FromStack(st)
			match := assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))
			for level, msgs := range map[string]int{
				"error":   report(t, name, *st.StackName(), "error", ann.FindError(jsii.String("*"), match)),
				"warning": report(t, name, *st.StackName(), "warning", ann.FindWarning(jsii.String("*"), match)),
			} {
				assert.Zerof(t, msgs, "%s/%s: %d unsuppressed cdk-nag %ss", name, *st.StackName(), msgs, level)
			}
		}
	}
}

func report(t *testing.T, fixture, stack, level string, list *[]*cxapi.SynthesisMessage) int {
	t.Helper()
	for _, m := range *list {
		t.Logf("%s/%s %s %s: %v", fixture, stack, level, *m.Id, m.Entry.Data)
	}
	return len(*list)
}

// TestNagSuppressionsAreTheReviewedOnes pins every suppression (rule and resource). A new one
// fails this test until it is added here, next to the reason reviewed in the stack code.
func TestNagSuppressionsAreTheReviewedOnes(t *testing.T) {
	f := mainFixture(t)
	want := []string{
		"Api/ApiCloudWatchRole: AwsSolutions-IAM4",
		"Auth/UserPool: AwsSolutions-COG2",
		"CloudTrailForward/TrailAccessLogs: AwsSolutions-S1",
		"Compute/ApiRoleDefaultPolicy: AwsSolutions-IAM5 x3",
		"Compute/EdgeFunctionRoleDefaultPolicy: AwsSolutions-IAM5 x2",
		"Compute/WatchFailures: AwsSolutions-SQS3",
		"Compute/WatchRoleDefaultPolicy: AwsSolutions-IAM5 x1",
		"Compute/WorkerRoleDefaultPolicy: AwsSolutions-IAM5 x10",
		"Console/Distribution: AwsSolutions-CFR1",
		"Console/Distribution: AwsSolutions-CFR2",
		"Console/Logs: AwsSolutions-S1",
		"ConsoleContent/CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB: AwsSolutions-L1",
		"ConsoleContent/CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiBServiceRole: AwsSolutions-IAM4",
		"ConsoleContent/CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiBServiceRoleDefaultPolicy: AwsSolutions-IAM5 x1",
	}
	var got []string
	for stack, tpl := range f.json {
		for id, r := range tpl["Resources"].(map[string]any) {
			md, _ := r.(map[string]any)["Metadata"].(map[string]any)
			nag, _ := md["cdk_nag"].(map[string]any)
			rules, _ := nag["rules_to_suppress"].([]any)
			counts := map[string]int{}
			for _, rule := range rules {
				rm := rule.(map[string]any)
				assert.GreaterOrEqualf(t, len(fmt.Sprint(rm["reason"])), 40, "%s/%s %s: reason too thin", stack, id, rm["id"])
				counts[fmt.Sprint(rm["id"])]++
			}
			for rule, n := range counts {
				entry := fmt.Sprintf("%s/%s: %s", stack, trimLogicalID(id), rule)
				if rule == "AwsSolutions-IAM5" {
					entry += fmt.Sprintf(" x%d", n)
				}
				got = append(got, entry)
			}
		}
	}
	sort.Strings(got)
	assert.Equal(t, want, got)
}

// trimLogicalID drops the 8-character hash CDK appends to logical ids.
func trimLogicalID(id string) string {
	if len(id) > 8 && strings.ToUpper(id[len(id)-8:]) == id[len(id)-8:] {
		return id[:len(id)-8]
	}
	return id
}

// TestNagHarnessReportsFindings proves the check above can fail: the same pack on a stack with
// a plain queue (no DLQ, no TLS-only policy) reports errors through the same Annotations API.
func TestNagHarnessReportsFindings(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
	awssqs.NewQueue(stack, jsii.String("Plain"), nil)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(nil), nil)
	errs := assertions.Annotations_FromStack(stack).FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-SQS[34]")))
	assert.Len(t, *errs, 2)
}
