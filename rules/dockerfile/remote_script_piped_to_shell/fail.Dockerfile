FROM debian:12-slim
RUN curl -fsSL https://example.com/install.sh | sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501 remote-script-piped-to-shell: `curl` output piped into `sh`
RUN wget -qO- https://example.com/setup | sudo -E bash -s -- --yes && echo done
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501
RUN curl -sSL https://example.com/get.py \
#   ^ DF501
    # through a logging tee
    | tee /tmp/get.py | python3 -
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501 remote-script-piped-to-shell: runs code downloaded by `curl`
RUN bash <(curl -s https://example.com/x.sh); eval "$(wget -qO- https://example.com/env)"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501
#                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501
RUN curl -L https://cpanmin.us | perl - App::cpanminus
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF501
