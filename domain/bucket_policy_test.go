package domain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

const (
	ours    = `{"Sid":"cfm-oac","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"AWS:SourceArn":["arn:aws:cloudfront::1:distribution/E1"]}}}`
	oursNew = `{"Sid":"cfm-oac","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"AWS:SourceArn":["arn:aws:cloudfront::1:distribution/E1","arn:aws:cloudfront::1:distribution/E2"]}}}`
	theirs  = `{"Sid":"team-logs","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringLike":{"aws:Referer":"https://x/?a=1&b=<2>"}}}`
	noSid   = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}`
)

func TestMergeBucketPolicy(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		st   domain.PolicyStatement
		want string // "" = no policy left
	}{
		{"adds to no policy", "", domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(ours)},
			`{"Version":"2012-10-17","Statement":[` + ours + `]}`},
		{"adds beside other statements, keeping them and Id", `{"Version":"2012-10-17","Id":"p1","Statement":[` + theirs + `,` + noSid + `]}`,
			domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(ours)},
			`{"Version":"2012-10-17","Id":"p1","Statement":[` + theirs + `,` + noSid + `,` + ours + `]}`},
		{"replaces in place", `{"Version":"2012-10-17","Statement":[` + theirs + `,` + ours + `,` + noSid + `]}`,
			domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(oursNew)},
			`{"Version":"2012-10-17","Statement":[` + theirs + `,` + oursNew + `,` + noSid + `]}`},
		{"removes", `{"Version":"2012-10-17","Statement":[` + ours + `,` + theirs + `]}`,
			domain.PolicyStatement{Sid: "cfm-oac"},
			`{"Version":"2012-10-17","Statement":[` + theirs + `]}`},
		{"removing the last statement leaves no policy", `{"Version":"2012-10-17","Statement":[` + ours + `]}`,
			domain.PolicyStatement{Sid: "cfm-oac"}, ""},
		{"single-object Statement (IAM's other shape)", `{"Version":"2008-10-17","Statement":` + theirs + `}`,
			domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(ours)},
			`{"Version":"2008-10-17","Statement":[` + theirs + `,` + ours + `]}`},
		{"duplicate Sids collapse into one", `{"Version":"2012-10-17","Statement":[` + ours + `,` + ours + `]}`,
			domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(oursNew)},
			`{"Version":"2012-10-17","Statement":[` + oursNew + `]}`},
		{"pretty-printed input is compacted, not changed", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"x\", \"Effect\": \"Allow\"}\n  ]\n}",
			domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(ours)},
			`{"Version":"2012-10-17","Statement":[{"Sid": "x", "Effect": "Allow"},` + ours + `]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := domain.MergeBucketPolicy([]byte(tc.doc), tc.st)
			require.NoError(t, err)
			if tc.want == "" {
				assert.Nil(t, got)
				return
			}
			assert.True(t, json.Valid(got), string(got))
			assert.JSONEq(t, tc.want, string(got))
			if strings.Contains(tc.doc, theirs) {
				assert.Contains(t, string(got), theirs, "other statements are kept byte for byte, not re-escaped")
			}
		})
	}

	for name, st := range map[string]domain.PolicyStatement{
		"no sid":       {JSON: []byte(ours)},
		"sid mismatch": {Sid: "other", JSON: []byte(ours)},
		"bad json":     {Sid: "cfm-oac", JSON: []byte(`{"Sid":`)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := domain.MergeBucketPolicy(nil, st)
			assert.Error(t, err)
		})
	}
	_, err := domain.MergeBucketPolicy([]byte(`[1]`), domain.PolicyStatement{Sid: "a", JSON: []byte(`{"Sid":"a"}`)})
	assert.Error(t, err, "a policy must be an object")
}
