# An empty Dockerfile does not build.
#^ DF001 syntax-error: no instructions
