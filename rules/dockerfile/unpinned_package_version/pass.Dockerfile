FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
        -t bookworm-backports git/bookworm-backports ./vendor/tool_1.0_amd64.deb \
    && rm -rf /var/lib/apt/lists/* && apt-get upgrade -y
RUN pip install -r requirements.txt && pip install . && pip install -e ./lib \
    && pip install 'flask~=3.0' 'alabaster<0.7' dist/app-1.0-py3-none-any.whl \
    && pip install git+https://github.com/example/tool.git@v1.2.0#egg=tool https://example.com/pkg.zip \
    && pip install pykafka --constraint constraints.txt
RUN pipx install --python "$(which python3)" "poetry==1.8.5"
RUN npm install && npm ci && npm install express@4.19.2 @myorg/lib@">=0.1.0 <0.2.0" ./local ../pkg.tgz \
    git+https://github.com/npm/cli.git#v10.8.0 && npm run --silent install
RUN gem install bundler -v 2.5.6 && gem i rake:13.2.1 -- --use-system-libraries=true
RUN go install ./cmd/... && go install golang.org/x/tools/gopls@v0.16.2 && go get -d . \
    && go run ./tools/gen.go input.yaml && go run example.com/gen@v1.0.0 --force latest
RUN dnf install -y openssl-1:3.2.2 gcc-c++-14.1.1 ./rpms/tool.rpm && dnf group install -y "Development Tools" \
    && dnf module install -y nodejs:20 && dnf install -y @core && dnf clean all
RUN zypper install -y 'tomcat>=9.0' tomcat-native=1.3.0 && zypper clean
# A package list from a build argument: unknown here, not judged.
ARG PACKAGES
RUN apk add --no-cache $PACKAGES git~2.45 "python3<3.13" mypackage-1.1.1.apk
