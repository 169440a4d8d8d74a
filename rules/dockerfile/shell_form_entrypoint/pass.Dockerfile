FROM scratch AS build
ENTRYPOINT ["foo", "bar"]
CMD [ "/bin/sh", "-c", \
      "echo foo && \
       echo bar" \
    ]
HEALTHCHECK CMD curl -f http://localhost/
ONBUILD CMD downstream decides

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
SHELL ["powershell", "-Command"]
CMD Start-Service w3svc; Wait-Forever

FROM win AS win-child
CMD Write-Host inherited shell
FROM alpine:3.20 AS exec
CMD exec gunicorn --bind "0.0.0.0:$PORT" app:app
