/*
 * The npm tree-sitter-bash 0.23.3 external scanner, compiled with a smaller serialization
 * limit. Its serialize() stops when `delimiter size + 3 + size >= limit` but then writes
 * 3 + 4 + delimiter bytes per heredoc, up to 4 bytes past the runtime's 1024-byte buffer.
 * With the limit 4 bytes lower every write stays inside it.
 */
#include "tree_sitter/parser.h"
#undef TREE_SITTER_SERIALIZATION_BUFFER_SIZE
#define TREE_SITTER_SERIALIZATION_BUFFER_SIZE (1024 - 4)
#include "scanner.c"
