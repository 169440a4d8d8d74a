FROM ubuntu:24.04 AS base
EXPOSE 22
#      ^^ DF402 sensitive-port-exposed: EXPOSE port 22 (ssh) in the shipped image

FROM base
ARG VNC_PORT=5900
EXPOSE 8080 23/tcp 2375 2376
#           ^^^^^^ DF402 sensitive-port-exposed: port 23 (telnet)
#                  ^^^^ DF402 sensitive-port-exposed: unencrypted Docker API
#                       ^^^^ DF402
EXPOSE 3389/udp ${VNC_PORT} 10250
#      ^^^^^^^^ DF402 sensitive-port-exposed: RDP
#               ^^^^^^^^^^^ DF402 sensitive-port-exposed: port 5900 (VNC)
#                           ^^^^^ DF402 sensitive-port-exposed: kubelet
EXPOSE 20-25
#      ^^^^^ DF402 sensitive-port-exposed: EXPOSE range `20-25` includes port 22 (ssh)
