package httpapi

import (
	"net/http"
	"time"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

type originRoutes struct{ app intake.Origins }

// originAccessNote says how CloudFront reaches a managed bucket, website hosting or not.
const originAccessNote = "The bucket stays private (public access blocked). CloudFront reads it through its regional " +
	"REST endpoint with the origin's Origin Access Control; the S3 website endpoint is not public and cannot use OAC, " +
	"so use the distribution's DefaultRootObject and custom error responses instead of website redirects."

// originView is the seed's origin shape plus status, owner and how CloudFront reaches it.
type originView struct {
	ID                        string                     `json:"originId"`
	Name                      string                     `json:"name"`
	BucketName                string                     `json:"bucketName"`
	Region                    string                     `json:"region"`
	OACID                     string                     `json:"oacId,omitempty"`
	Adopted                   bool                       `json:"adopted"`
	Status                    domain.OriginStatus        `json:"status"`
	BucketURL                 string                     `json:"bucketUrl"`
	OriginDomain              string                     `json:"originDomain"`
	WebsiteHosting            *domain.WebsiteHosting     `json:"websiteHosting,omitempty"`
	CORSConfiguration         *domain.CORSConfiguration  `json:"corsConfiguration,omitempty"`
	AssociatedDistributions   []string                   `json:"associatedDistributions"`
	AssociatedDistributionIDs []string                   `json:"associatedDistributionIds"`
	BucketPolicy              *shared.BucketPolicyAccess `json:"bucketPolicy,omitempty"`
	Access                    string                     `json:"access"`
	OperationID               string                     `json:"operationId,omitempty"`
	Owner                     string                     `json:"owner"`
	CreatedAt                 time.Time                  `json:"createdAt"`
	UpdatedAt                 time.Time                  `json:"updatedAt"`
	Version                   int64                      `json:"version"`
}

func viewOrigin(o domain.ManagedOrigin) originView {
	assoc := o.AssociatedDistributions
	if assoc == nil {
		assoc = []string{}
	}
	return originView{ID: o.ID, Name: o.Name, BucketName: o.BucketName, Region: o.Region, OACID: o.OACID, Adopted: o.Adopted, Status: o.Status,
		BucketURL: "https://" + o.RegionalDomain(), OriginDomain: o.RegionalDomain(), WebsiteHosting: o.WebsiteHosting,
		CORSConfiguration: o.CORSConfiguration, AssociatedDistributions: assoc, AssociatedDistributionIDs: []string{},
		Access: originAccessNote, OperationID: o.OperationID, Owner: o.Owner, CreatedAt: o.CreatedAt,
		UpdatedAt: o.UpdatedAt, Version: o.Version}
}

// goneView is what a replayed update or delete shows once its resource is gone: the id and
// status Deleted (the document's OriginGone and EdgeFunctionGone).
type goneView struct {
	OriginID   string `json:"originId,omitempty"`
	FunctionID string `json:"functionId,omitempty"`
	Status     string `json:"status"`
}

// acceptedOrigin is the origin of an update's or delete's 202: the origin, or its tombstone.
func acceptedOrigin(o domain.ManagedOrigin) any {
	if o.Status == domain.OriginDeleted {
		return goneView{OriginID: o.ID, Status: string(o.Status)}
	}
	return viewOrigin(o)
}

func viewOriginDetail(d intake.OriginDetail) originView {
	v := viewOrigin(d.Origin)
	if d.DistributionIDs != nil {
		v.AssociatedDistributionIDs = d.DistributionIDs
	}
	v.BucketPolicy = d.BucketPolicy
	return v
}

func (h originRoutes) list(w http.ResponseWriter, r *http.Request) {
	listPage(w, r, "origins", func(pr intake.PageRequest) (intake.Page[intake.OriginDetail], error) {
		return h.app.List(r.Context(), principal(r), pr)
	}, viewOriginDetail)
}

func (h originRoutes) create(w http.ResponseWriter, r *http.Request) {
	req, key, valid := mutation[intake.OriginRequest](w, r)
	if !valid {
		return
	}
	acc, err := h.app.Create(r.Context(), principal(r), req, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"origin": viewOrigin(acc.Resource)},
		"origin creation accepted: a private bucket with Origin Access Control")
}

func (h originRoutes) get(w http.ResponseWriter, r *http.Request) {
	d, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"origin": viewOriginDetail(d)}, "")
}

func (h originRoutes) update(w http.ResponseWriter, r *http.Request) {
	req, key, valid := mutation[intake.OriginUpdate](w, r)
	if !valid {
		return
	}
	acc, err := h.app.Update(r.Context(), principal(r), r.PathValue("id"), req, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"origin": acceptedOrigin(acc.Resource)}, "origin update accepted")
}

func (h originRoutes) delete(w http.ResponseWriter, r *http.Request) {
	key, err := idempotencyKey(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	force := false
	switch q := r.URL.Query(); {
	case !q.Has("force"), q.Get("force") == "false":
	case q.Get("force") == "true":
		force = true
	default: // ?force= included
		fail(w, r, domain.Invalid("force", "must be true or false"))
		return
	}
	acc, err := h.app.Delete(r.Context(), principal(r), r.PathValue("id"), force, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"origin": acceptedOrigin(acc.Resource)}, "origin deletion accepted")
}
