"""What the app offers to other systems (documented in docs/openapi.yaml): thin whitelisted entry
points over the services that hold the rules."""
