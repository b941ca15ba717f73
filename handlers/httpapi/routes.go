package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
)

// route is one authenticated /api route: its ServeMux pattern and the handler that serves it.
type route struct {
	pattern string
	handler http.HandlerFunc
}

// routes is the table of every /api route, each with its handler. The OpenAPI document
// (openapi/*.json) describes the same set; the authorization matrix test fails when they differ.
func routes(deps shared.Deps) []route {
	dists := distributionRoutes{intake.Distributions{Deps: deps}}
	distMut := distributionMutationRoutes{intake.Distributions{Deps: deps}}
	history := historyRoutes{intake.Distributions{Deps: deps}}
	origins := originRoutes{intake.Origins{Deps: deps}}
	certs := certificateRoutes{intake.Certificates{Deps: deps}}
	edgeFns := edgeFunctionRoutes{intake.EdgeFunctions{Deps: deps}}
	templates := templateRoutes{intake.Templates{Deps: deps}}
	ops := operationRoutes{intake.Operations{Deps: deps}}
	return []route{
		{"GET /api/distributions", dists.list},
		{"POST /api/distributions", dists.create},
		{"GET /api/distributions/{id}", dists.get},
		{"PUT /api/distributions/{id}", distMut.update},
		{"DELETE /api/distributions/{id}", distMut.delete},
		{"GET /api/distributions/{id}/status", dists.status},
		{"GET /api/distributions/{id}/history", history.list},
		{"POST /api/distributions/{id}/invalidate", distMut.invalidate},

		{"GET /api/origins", origins.list},
		{"POST /api/origins", origins.create},
		{"GET /api/origins/{id}", origins.get},
		{"PUT /api/origins/{id}", origins.update},
		{"DELETE /api/origins/{id}", origins.delete},

		{"GET /api/certificates", certs.list},
		// {arn...}: the ARN holds a "/", sent URL-encoded (%2F) or as is.
		{"GET /api/certificates/{arn...}", certs.get},

		{"GET /api/lambda-edge/functions", edgeFns.list},
		{"POST /api/lambda-edge/functions", edgeFns.create},
		{"GET /api/lambda-edge/functions/{id}", edgeFns.get},
		{"DELETE /api/lambda-edge/functions/{id}", edgeFns.delete},
		{"POST /api/lambda-edge/preview", edgeFns.preview},
		{"GET /api/lambda-edge/presets", edgeFns.presets},

		{"GET /api/templates", templates.list},
		{"POST /api/templates", templates.create},
		{"GET /api/templates/{id}", templates.get},
		{"PUT /api/templates/{id}", templates.update},
		{"DELETE /api/templates/{id}", templates.delete},
		{"POST /api/templates/{id}/apply", templates.apply},

		{"GET /api/operations", ops.list},
		{"GET /api/operations/{id}", ops.get},
	}
}
