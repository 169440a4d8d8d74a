RUN echo no stage
#^^^ DF005 invalid-instruction-order
CMD ["true"]
