# The two commands of the README:
#   make run    sets up, builds and starts Deskline on the default data folder
#   make test   sets up and runs every check and test
# and the release beside them:
#   make release        writes the installers and packages to dist/
#   make release-check  builds them and checks them (lintian, install, start, PE resources)
.PHONY: run test build setup generate release release-check
run:
	scripts/run.sh
test:
	scripts/test.sh
release:
	scripts/release.sh
release-check:
	scripts/release-check.sh
build: setup
	scripts/build.sh
setup:
	scripts/setup.sh
# Regenerate the sqlc query code and the Wails bindings after changing queries
# or bound methods, and the Windows resources after changing VERSION or the
# icon; all are committed.
generate:
	go tool sqlc generate
	go tool wails generate module
	go run ./cmd/winres -syso rsrc_windows_amd64.syso
