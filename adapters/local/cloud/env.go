package cloud

import (
	"fmt"
	"strconv"
	"strings"
)

// Environment variables OptionsFromEnv reads.
const (
	EnvDeploySeconds       = "CFM_SIM_DEPLOY_SECONDS"
	EnvReplicaSeconds      = "CFM_SIM_REPLICA_SECONDS"
	EnvInvalidationSeconds = "CFM_SIM_INVALIDATION_SECONDS"
	EnvAccountID           = "CFM_SIM_ACCOUNT_ID"
)

// OptionsFromEnv builds Options from the CFM_SIM_* variables (lookup is os.LookupEnv in
// production). Unset variables keep the defaults; "0" means immediately (unlike a zero field).
func OptionsFromEnv(lookup func(string) (string, bool)) (Options, error) {
	var opts Options
	for _, v := range []struct {
		name string
		into *float64
	}{
		{EnvDeploySeconds, &opts.DeploySeconds},
		{EnvReplicaSeconds, &opts.ReplicaSeconds},
		{EnvInvalidationSeconds, &opts.InvalidationSeconds},
	} {
		raw, ok := lookup(v.name)
		if !ok || raw == "" {
			continue
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || f < 0 {
			return Options{}, fmt.Errorf("%s=%q: want a number of seconds >= 0", v.name, raw)
		}
		if f == 0 {
			f = -1 // the Options encoding of "immediately"
		}
		*v.into = f
	}
	if id, ok := lookup(EnvAccountID); ok {
		if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
			return Options{}, fmt.Errorf("%s=%q: want 12 digits", EnvAccountID, id)
		}
		opts.AccountID = id
	}
	return opts, nil
}
