/*
 * The npm tree-sitter-yaml 0.7.1 external scanner, compiled with a smaller serialization
 * limit. Its serialize() checks `size < TREE_SITTER_SERIALIZATION_BUFFER_SIZE` and then
 * writes 4 bytes, so with more than 253 open block levels (`- - - … x` on one line) it
 * writes up to 1026 bytes into the runtime's 1024-byte buffer, past its end. With the limit
 * 4 bytes lower the last write ends at byte 1022 at most; deeper levels are dropped from the
 * saved state (that input is garbage anyway), memory stays intact.
 */
#include "tree_sitter/parser.h"
#undef TREE_SITTER_SERIALIZATION_BUFFER_SIZE
#define TREE_SITTER_SERIALIZATION_BUFFER_SIZE (1024 - 4)
#include "scanner.c"
