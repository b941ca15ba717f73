package cloud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
)

func TestOptionsFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    cloud.Options
		wantErr bool
	}{
		{"nothing set", nil, cloud.Options{}, false},
		{"seconds", map[string]string{"CFM_SIM_DEPLOY_SECONDS": "2.5", "CFM_SIM_REPLICA_SECONDS": "600"},
			cloud.Options{DeploySeconds: 2.5, ReplicaSeconds: 600}, false},
		{"zero is immediate", map[string]string{"CFM_SIM_DEPLOY_SECONDS": "0"}, cloud.Options{DeploySeconds: -1}, false},
		{"account", map[string]string{"CFM_SIM_ACCOUNT_ID": "123456789012"}, cloud.Options{AccountID: "123456789012"}, false},
		{"not a number", map[string]string{"CFM_SIM_DEPLOY_SECONDS": "soon"}, cloud.Options{}, true},
		{"negative", map[string]string{"CFM_SIM_INVALIDATION_SECONDS": "-3"}, cloud.Options{}, true},
		{"bad account", map[string]string{"CFM_SIM_ACCOUNT_ID": "abc"}, cloud.Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cloud.OptionsFromEnv(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestZeroDeploySecondsFromEnvDeploysImmediately(t *testing.T) {
	opts, err := cloud.OptionsFromEnv(func(k string) (string, bool) { return "0", k == cloud.EnvDeploySeconds })
	require.NoError(t, err)
	c, err := cloud.Open(t.TempDir(), opts)
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Close()) }()
	d, err := c.CreateDistribution(t.Context(), cloudtest.MinimalConfig("op-now"))
	require.NoError(t, err)
	assert.Equal(t, "Deployed", d.Status)
}
