package main

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// request is one authorization question: the action, the resource ARN and the condition keys
// the request carries (aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys as a
// comma-joined list, lambda:Principal, ...). A key not in the map is absent from the request.
type request struct {
	action, resource string
	keys             map[string]string
}

// allowed evaluates identity-policy statements the way IAM does for this product's policies:
// no Deny statements exist (the test checks), so a request is allowed when one Allow statement
// matches its action, its resource and every condition. Condition operators it does not know
// fail the test, so the evaluator never guesses.
func allowed(t *testing.T, sts []map[string]any, r request) bool {
	t.Helper()
	for _, st := range sts {
		if st["Effect"] != "Allow" {
			t.Fatalf("unexpected %v statement %v", st["Effect"], st["Sid"])
		}
		if !anyMatch(actions(st), r.action) || !anyMatch(resourceStrings(t, st["Resource"]), r.resource) {
			continue
		}
		if conditionsHold(t, st["Condition"], r.keys) {
			return true
		}
	}
	return false
}

func anyMatch(patterns []string, s string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ReplaceAll(p, "/", "\x00"), strings.ReplaceAll(s, "/", "\x00")); ok {
			return true
		}
	}
	return false
}

// resourceStrings renders Resource (a string, a Fn::Join, or a list of them) with the
// partition "aws"; any other reference renders as <Ref>.
func resourceStrings(t *testing.T, v any) []string {
	t.Helper()
	switch r := v.(type) {
	case []any:
		var out []string
		for _, x := range r {
			out = append(out, resourceStrings(t, x)...)
		}
		return out
	default:
		return []string{render(t, r)}
	}
}

func render(t *testing.T, v any) string {
	t.Helper()
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if j, ok := x["Fn::Join"].([]any); ok {
			var parts []string
			for _, p := range j[1].([]any) {
				parts = append(parts, render(t, p))
			}
			return strings.Join(parts, j[0].(string))
		}
		if x["Ref"] == "AWS::Partition" {
			return "aws"
		}
		return fmt.Sprintf("<%v>", x)
	}
	t.Fatalf("cannot render %v", v)
	return ""
}

func conditionsHold(t *testing.T, cond any, keys map[string]string) bool {
	t.Helper()
	if cond == nil {
		return true
	}
	for op, kv := range cond.(map[string]any) {
		for key, want := range kv.(map[string]any) {
			wants := toStrings(want)
			got, present := keys[key]
			var ok bool
			switch op {
			case "StringEquals":
				ok = present && contains(wants, got)
			case "StringEqualsIfExists":
				ok = !present || contains(wants, got)
			case "ForAllValues:StringNotEquals":
				ok = true
				for _, v := range strings.Split(got, ",") {
					if present && contains(wants, v) {
						ok = false
					}
				}
			default:
				t.Fatalf("evaluator does not know condition operator %s", op)
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

func toStrings(v any) []string {
	if l, ok := v.([]any); ok {
		var out []string
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// TestWorkerIAM_NoTakeoverThroughTags evaluates the worker's synthesized policy: it can create
// a distribution only with ManagedBy=cfm in the request, and tag, update, delete or untag only
// a distribution that already carries ManagedBy=cfm. A distribution someone else created,
// untagged or tagged for another owner, stays out of reach: tagging it is denied.
func TestWorkerIAM_NoTakeoverThroughTags(t *testing.T) {
	sts := policyOf(t, mainFixture(t), "worker")
	dist := "arn:aws:cloudfront::" + testAccount + ":distribution/E2FOREIGN"
	ours := map[string]string{"aws:ResourceTag/ManagedBy": "cfm"}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name string
		req  request
		want bool
	}{
		{"create with ManagedBy=cfm (CreateDistributionWithTags)", request{"cloudfront:CreateDistribution", dist,
			map[string]string{"aws:RequestTag/ManagedBy": "cfm", "aws:TagKeys": "ManagedBy"}}, true},
		{"create without tags", request{"cloudfront:CreateDistribution", dist, nil}, false},
		{"create tagged for another owner", request{"cloudfront:CreateDistribution", dist, map[string]string{"aws:RequestTag/ManagedBy": "other"}}, false},
		{"tag an untagged foreign distribution ManagedBy=cfm", request{"cloudfront:TagResource", dist,
			map[string]string{"aws:RequestTag/ManagedBy": "cfm", "aws:TagKeys": "ManagedBy"}}, false},
		{"tag a distribution another product manages", request{"cloudfront:TagResource", dist,
			map[string]string{"aws:ResourceTag/ManagedBy": "other", "aws:RequestTag/ManagedBy": "cfm"}}, false},
		{"tag its own distribution", request{"cloudfront:TagResource", dist,
			with(ours, "aws:RequestTag/ManagedBy", "cfm", "aws:RequestTag/cfm:owner", "alice", "aws:TagKeys", "ManagedBy,cfm:owner")}, true},
		{"tag its own distribution with a request's tags", request{"cloudfront:TagResource", dist,
			with(ours, "aws:RequestTag/owner", "team-a", "aws:RequestTag/cost-centre", "cc-1", "aws:TagKeys", "owner,cost-centre")}, true},
		{"untag a request's tag on its own", request{"cloudfront:UntagResource", dist, with(ours, "aws:TagKeys", "app")}, true},
		{"list the tags of its own", request{"cloudfront:ListTagsForResource", dist, ours}, true},
		{"list the tags of an untagged one", request{"cloudfront:ListTagsForResource", dist, nil}, false},
		{"hand its own distribution over", request{"cloudfront:TagResource", dist, with(ours, "aws:RequestTag/ManagedBy", "other")}, false},
		{"untag cfm:owner on its own", request{"cloudfront:UntagResource", dist, with(ours, "aws:TagKeys", "cfm:owner")}, true},
		{"untag ManagedBy on its own", request{"cloudfront:UntagResource", dist, with(ours, "aws:TagKeys", "cfm:owner,ManagedBy")}, false},
		{"update its own", request{"cloudfront:UpdateDistribution", dist, ours}, true},
		{"update an untagged one", request{"cloudfront:UpdateDistribution", dist, nil}, false},
		{"delete an untagged one", request{"cloudfront:DeleteDistribution", dist, nil}, false},
		{"read an untagged one", request{"cloudfront:GetDistribution", dist, nil}, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, allowed(t, sts, c.req), c.name)
	}
	for _, st := range sts {
		assert.NotContains(t, actions(st), "cloudfront:CreateDistributionWithTags", "not an IAM action (cfn-lint W3037)")
	}
}

// TestWorkerIAM_EdgePermissionOnlyForTheEdgeService: the worker adds a resource-policy grant
// to its edge functions for edgelambda.amazonaws.com and no other principal.
func TestWorkerIAM_EdgePermissionOnlyForTheEdgeService(t *testing.T) {
	sts := policyOf(t, mainFixture(t), "worker")
	fn := "arn:aws:lambda:us-east-1:" + testAccount + ":function:cfm-route-abc"
	assert.True(t, allowed(t, sts, request{"lambda:AddPermission", fn, map[string]string{"lambda:Principal": "edgelambda.amazonaws.com"}}))
	assert.False(t, allowed(t, sts, request{"lambda:AddPermission", fn, map[string]string{"lambda:Principal": "*"}}))
	assert.False(t, allowed(t, sts, request{"lambda:AddPermission", fn, map[string]string{"lambda:Principal": "222222222222"}}))
	assert.False(t, allowed(t, sts, request{"lambda:AddPermission", "arn:aws:lambda:us-east-1:" + testAccount + ":function:other", map[string]string{"lambda:Principal": "edgelambda.amazonaws.com"}}))
}

// TestIAM_S3OnlyInTheOwnAccount: bucket ARNs carry no account, so every S3 statement (worker
// and API) is pinned with aws:ResourceAccount: a prefixed bucket in another account is denied.
func TestIAM_S3OnlyInTheOwnAccount(t *testing.T) {
	f := mainFixture(t)
	for _, name := range []string{"worker", "HTTP API"} {
		sts := policyOf(t, f, name)
		n := 0
		for _, st := range sts {
			for _, a := range actions(st) {
				if strings.HasPrefix(a, "s3:") {
					n++
					assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:ResourceAccount": testAccount}}, st["Condition"], "%s %s", name, st["Sid"])
				}
			}
		}
		assert.NotZero(t, n, name)
		assert.True(t, allowed(t, sts, request{"s3:GetBucketPolicy", "arn:aws:s3:::cfm-site", map[string]string{"aws:ResourceAccount": testAccount}}), name)
		assert.False(t, allowed(t, sts, request{"s3:GetBucketPolicy", "arn:aws:s3:::cfm-site", map[string]string{"aws:ResourceAccount": "222222222222"}}), name)
	}
}
