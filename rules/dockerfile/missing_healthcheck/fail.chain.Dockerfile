FROM scratch AS base1
FROM base1 AS base2
FROM base2 AS end1
HEALTHCHECK NONE
FROM base2 AS end2
#^^^^^^^^^^^^^^^^^^ DF601 missing-healthcheck
