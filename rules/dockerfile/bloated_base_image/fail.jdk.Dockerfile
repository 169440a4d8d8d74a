FROM docker.io/library/eclipse-temurin:21-jdk-jammy
   # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ DF105 bloated-base-image
