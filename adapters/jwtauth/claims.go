package jwtauth

import "github.com/golang-jwt/jwt/v5"

// idClaims is the part of a Cognito ID token this product reads.
type idClaims struct {
	jwt.RegisteredClaims
	TokenUse string   `json:"token_use"`
	Username string   `json:"cognito:username"`
	Groups   []string `json:"cognito:groups"`
}

// tokenUseID is the token_use of an ID token; access tokens say "access" and carry no aud.
const tokenUseID = "id"
