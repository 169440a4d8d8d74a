FROM debian:bookworm
   # ^^^^^^^^^^^^^^^ DF105 bloated-base-image
