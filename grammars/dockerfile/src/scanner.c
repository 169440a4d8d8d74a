/*
 * External scanner for the berth Dockerfile grammar.
 *
 * Handles everything whose lexing depends on context that a context-free
 * lexer cannot see: the escape character set by `# escape=`, line
 * continuations, comment/blank lines inside continuations, parser
 * directives, shell text, words (with escapes), heredocs and end of line.
 */
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum TokenType {
  DIRECTIVE_START,
  DIRECTIVE_VALUE,
  COMMENT,
  LINE_CONTINUATION,
  CONT_SKIP,
  NEWLINE,
  HEREDOC_NL,
  SHELL_FIRST,
  SHELL_FRAGMENT,
  HEREDOC_MARKER,
  HEREDOC_BODY,
  HEREDOC_END,
  CONCAT,
  CONCAT_KEY,
  CONCAT_USER,
  CONCAT_IMAGE,
  CONCAT_TAG,
  CHUNK,
  PATH_CHUNK,
  KEY_CHUNK,
  USER_CHUNK,
  IMAGE_CHUNK,
  TAG_CHUNK,
  DQ_CHUNK,
  LINE_CHUNK,
  LINE_TEXT,
  EXP_CHUNK,
  FLAGS_END,
  ERROR_SENTINEL,
  KW_END,
};

#define MAX_HEREDOCS 8
#define MAX_NAME 100

typedef struct {
  uint8_t strip;
  uint8_t len;
  char name[MAX_NAME];
} Heredoc;

typedef struct {
  int32_t escape;
  bool directives_done;  /* no more parser directives may follow */
  bool pending_escape;   /* current directive is `escape` */
  bool cont;             /* last external token was a continuation (or a line skipped inside one) */
  bool ws_before_cont;   /* whitespace preceded that continuation */
  bool cmt_in_cont;      /* last token was a comment inside a continuation */
  bool hd_bol;           /* at the start of a heredoc body line */
  bool eof_done;         /* zero-width end-of-line at EOF already emitted */
  bool started;          /* a token was emitted: we are past the start of the file */
  uint8_t hd_count;
  Heredoc hd[MAX_HEREDOCS];
} Scanner;

enum { F_DIR_DONE = 1, F_PEND_ESC = 2, F_CONT = 4, F_WS_CONT = 8, F_CMT = 16, F_HD_BOL = 32, F_EOF = 64, F_STARTED = 128 };

static inline void adv(TSLexer *l) { l->advance(l, false); }
static inline void skip_char(TSLexer *l) { l->advance(l, true); }
static inline bool is_nl(int32_t c) { return c == '\n' || c == '\r'; }
static inline bool is_ws(int32_t c) { return c == ' ' || c == '\t'; }
static inline bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool is_name_start(int32_t c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '{'; }
static inline int32_t lower(int32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static void consume_newline(TSLexer *l) {
  if (l->lookahead == '\r') adv(l);
  if (l->lookahead == '\n') adv(l);
}

/* Set the result symbol and update the scanner flags that depend on the
 * previous external token. */
static bool emit(Scanner *s, TSLexer *l, enum TokenType sym) {
  l->result_symbol = sym;
  s->started = true;
  if (sym != DIRECTIVE_START && sym != DIRECTIVE_VALUE && sym != NEWLINE) s->directives_done = true;
  if (sym != LINE_CONTINUATION && sym != CONT_SKIP && !(sym == COMMENT && s->cont)) {
    s->cont = false;
    s->ws_before_cont = false;
  }
  if (sym != COMMENT) s->cmt_in_cont = false;
  if (sym != HEREDOC_NL && sym != HEREDOC_BODY) s->hd_bol = false;
  return true;
}

enum { ESC_CHAR, ESC_CONT };

/* Lookahead is the escape character.  Consumes it; if only whitespace
 * follows up to the end of the line (or file), consumes that and the
 * newline and returns ESC_CONT.  Otherwise consumes the escaped character
 * (or the run of whitespace) and returns ESC_CHAR. */
static int handle_escape(TSLexer *l) {
  adv(l);
  bool ws = false;
  while (is_ws(l->lookahead)) {
    adv(l);
    ws = true;
  }
  if (l->eof(l)) return ESC_CONT;
  if (is_nl(l->lookahead)) {
    consume_newline(l);
    return ESC_CONT;
  }
  if (!ws) adv(l);
  return ESC_CHAR;
}

static bool emit_continuation(Scanner *s, TSLexer *l, bool skipped_ws) {
  l->mark_end(l);
  emit(s, l, LINE_CONTINUATION);
  s->cont = true;
  s->ws_before_cont = skipped_ws;
  return true;
}

/* ------------------------------------------------------------------ heredocs */

static void pop_heredoc(Scanner *s) {
  if (s->hd_count == 0) return;
  memmove(&s->hd[0], &s->hd[1], sizeof(Heredoc) * (size_t)(s->hd_count - 1));
  s->hd_count--;
}

/* Try to read a heredoc marker `[digits]<<[-][ws]name` (name may be
 * quoted).  Advances the lexer; returns true on success and fills h. */
static bool try_heredoc(TSLexer *l, Heredoc *h) {
  while (is_digit(l->lookahead)) adv(l);
  if (l->lookahead != '<') return false;
  adv(l);
  if (l->lookahead != '<') return false;
  adv(l);
  h->strip = 0;
  h->len = 0;
  if (l->lookahead == '-') {
    h->strip = 1;
    adv(l);
  }
  while (is_ws(l->lookahead)) adv(l);
  int32_t q = 0;
  while (!l->eof(l) && !is_nl(l->lookahead) && (q || !is_ws(l->lookahead))) {
    int32_t c = l->lookahead;
    if (q) {
      if (c == q) {
        q = 0;
      } else {
        if (c > 127 || h->len >= MAX_NAME) return false;
        h->name[h->len++] = (char)c;
      }
    } else if (c == '"' || c == '\'') {
      q = c;
    } else if (c == '\\') {
      /* `<<eo\'f`: a backslash takes the next character literally, as the shell does. */
      adv(l);
      c = l->lookahead;
      if (l->eof(l) || is_nl(c) || c > 127 || h->len >= MAX_NAME) return false;
      h->name[h->len++] = (char)c;
    } else if (c == '<') {
      return false;
    } else {
      if (c > 127 || h->len >= MAX_NAME) return false;
      h->name[h->len++] = (char)c;
    }
    adv(l);
  }
  if (q || h->len == 0) return false;
  return true;
}

static bool push_heredoc(Scanner *s, const Heredoc *h) {
  if (s->hd_count >= MAX_HEREDOCS) return false;
  s->hd[s->hd_count++] = *h;
  return true;
}

/* At the start of a line inside the body of the first pending heredoc. */
static bool scan_heredoc(Scanner *s, TSLexer *l) {
  Heredoc *h = &s->hd[0];
  bool body = false;
  for (;;) {
    if (l->eof(l)) {
      if (body) return emit(s, l, HEREDOC_BODY);
      l->mark_end(l);
      pop_heredoc(s);
      return emit(s, l, HEREDOC_END);
    }
    if (h->strip) {
      while (l->lookahead == '\t') adv(l);
    }
    int i = 0;
    while (i < h->len && l->lookahead == (int32_t)(unsigned char)h->name[i]) {
      adv(l);
      i++;
    }
    if (i == h->len && (l->eof(l) || is_nl(l->lookahead))) {
      if (body) return emit(s, l, HEREDOC_BODY);
      l->mark_end(l);
      pop_heredoc(s);
      return emit(s, l, HEREDOC_END);
    }
    while (!l->eof(l) && l->lookahead != '\n') adv(l);
    if (!l->eof(l)) adv(l);
    l->mark_end(l);
    body = true;
  }
}

/* ------------------------------------------------------------------ words */

typedef enum { K_CHUNK, K_PATH, K_KEY, K_USER, K_IMAGE, K_TAG, K_DQ, K_LINE, K_EXP } Kind;

/* Scan a word chunk of the given kind.  `empty` tells whether characters
 * were already consumed (and marked) as part of this token. */
static bool scan_chunk(Scanner *s, TSLexer *l, Kind kind, enum TokenType sym, bool empty, bool skipped_ws) {
  bool stop_ws = kind != K_DQ && kind != K_LINE && kind != K_EXP;
  bool stop_quotes = kind == K_CHUNK || kind == K_KEY || kind == K_USER || kind == K_IMAGE || kind == K_TAG;
  bool trail_excl = kind == K_LINE;
  for (;;) {
    if (l->eof(l)) break;
    int32_t c = l->lookahead;
    if (is_nl(c)) break;
    if (c == s->escape) {
      if (handle_escape(l) == ESC_CHAR) {
        empty = false;
        l->mark_end(l);
        continue;
      }
      if (empty) return emit_continuation(s, l, skipped_ws);
      break;
    }
    if (is_ws(c)) {
      if (stop_ws) break;
      adv(l);
      if (!trail_excl) {
        l->mark_end(l);
        empty = false;
      }
      continue;
    }
    if (c == '$') {
      adv(l);
      if (is_name_start(l->lookahead)) {
        if (empty) return false;
        break;
      }
      empty = false;
      l->mark_end(l);
      continue;
    }
    if ((stop_quotes && (c == '"' || c == '\'')) || (kind == K_DQ && c == '"') || (kind == K_EXP && c == '}') ||
        (kind == K_KEY && c == '=') || (kind == K_USER && c == ':') ||
        ((kind == K_IMAGE || kind == K_TAG) && c == '@')) {
      if (empty) return false;
      break;
    }
    if (kind == K_IMAGE && c == ':') {
      /* `host:port/name` keeps the colon in the name */
      adv(l);
      bool slash = false;
      while (!l->eof(l) && !is_nl(l->lookahead) && !is_ws(l->lookahead) && l->lookahead != '@' &&
             l->lookahead != '$' && l->lookahead != ':' && l->lookahead != s->escape) {
        if (l->lookahead == '/') slash = true;
        adv(l);
      }
      if (slash) {
        empty = false;
        l->mark_end(l);
        continue;
      }
      if (empty) return false;
      break;
    }
    adv(l);
    empty = false;
    l->mark_end(l);
  }
  if (empty) return false;
  return emit(s, l, sym);
}

/* MAINTAINER text: the rest of the line, continuations included. */
static bool scan_line_text(Scanner *s, TSLexer *l) {
  bool empty = true;
  for (;;) {
    if (l->eof(l) || is_nl(l->lookahead)) break;
    if (l->lookahead == s->escape) {
      if (handle_escape(l) == ESC_CHAR) {
        empty = false;
        l->mark_end(l);
      } else if (empty) {
        return emit_continuation(s, l, true);
      }
      continue;
    }
    if (is_ws(l->lookahead)) {
      adv(l);
      continue;
    }
    adv(l);
    empty = false;
    l->mark_end(l);
  }
  if (empty) return false;
  return emit(s, l, LINE_TEXT);
}

/* ------------------------------------------------------------------ shell text */

/* Skip JSON whitespace (and continuations).  Sets *frozen once a
 * continuation was crossed: the fallback shell fragment must end before it. */
static void json_ws(Scanner *s, TSLexer *l, bool *frozen, bool *bad) {
  for (;;) {
    if (is_ws(l->lookahead)) {
      adv(l);
    } else if (l->lookahead == s->escape && !l->eof(l)) {
      if (handle_escape(l) == ESC_CONT) {
        *frozen = true;
      } else {
        *bad = true;
        return;
      }
    } else {
      return;
    }
  }
}

static inline void json_take(TSLexer *l, bool frozen) {
  adv(l);
  if (!frozen) l->mark_end(l);
}

static bool is_hex(int32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* Lookahead is '['.  Returns true if a valid JSON array of strings follows,
 * up to the end of the line.  Otherwise *frozen tells whether the fallback
 * fragment end was already marked. */
static bool json_array_follows(Scanner *s, TSLexer *l, bool *frozen) {
  bool bad = false;
  json_take(l, *frozen); /* [ */
  json_ws(s, l, frozen, &bad);
  if (bad) return false;
  if (l->lookahead == ']') {
    json_take(l, *frozen);
  } else {
    for (;;) {
      if (l->lookahead != '"') return false;
      json_take(l, *frozen);
      for (;;) {
        int32_t c = l->lookahead;
        if (l->eof(l) || is_nl(c) || c < 0x20) return false;
        if (c == '"') {
          json_take(l, *frozen);
          break;
        }
        if (c == '\\') {
          json_take(l, *frozen);
          c = l->lookahead;
          if (c == 'u') {
            json_take(l, *frozen);
            for (int i = 0; i < 4; i++) {
              if (!is_hex(l->lookahead)) return false;
              json_take(l, *frozen);
            }
          } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
            json_take(l, *frozen);
          } else {
            return false;
          }
          continue;
        }
        if (is_ws(c)) {
          adv(l);
        } else {
          json_take(l, *frozen);
        }
      }
      json_ws(s, l, frozen, &bad);
      if (bad) return false;
      if (l->lookahead == ',') {
        json_take(l, *frozen);
        json_ws(s, l, frozen, &bad);
        if (bad) return false;
        continue;
      }
      if (l->lookahead == ']') {
        json_take(l, *frozen);
        break;
      }
      return false;
    }
  }
  json_ws(s, l, frozen, &bad);
  if (bad) return false;
  return l->eof(l) || is_nl(l->lookahead);
}

static bool scan_shell(Scanner *s, TSLexer *l, bool first, bool heredoc_ok, bool skipped_ws) {
  bool empty = true;
  bool word_start = true;
  int32_t quote = 0;
  if (first) {
    if (l->lookahead == '-') {
      adv(l);
      if (l->lookahead == '-') return false; /* a flag */
      empty = false;
      word_start = false;
      l->mark_end(l);
    } else if (l->lookahead == '[') {
      bool frozen = false;
      if (json_array_follows(s, l, &frozen)) return false; /* exec form */
      if (frozen) return emit(s, l, SHELL_FIRST);
      empty = false;
      word_start = false;
    }
  }
  for (;;) {
    if (l->eof(l)) break;
    int32_t c = l->lookahead;
    if (is_nl(c)) break;
    if (c == s->escape) {
      if (handle_escape(l) == ESC_CHAR) {
        empty = false;
        word_start = false;
        l->mark_end(l);
        continue;
      }
      if (empty) return emit_continuation(s, l, skipped_ws);
      break;
    }
    if (is_ws(c)) {
      adv(l);
      if (!quote) word_start = true;
      continue;
    }
    if (word_start && !quote && heredoc_ok && (c == '<' || is_digit(c))) {
      Heredoc h;
      if (try_heredoc(l, &h)) {
        if (!empty) break;
        l->mark_end(l);
        push_heredoc(s, &h);
        return emit(s, l, HEREDOC_MARKER);
      }
      empty = false;
      word_start = false;
      l->mark_end(l);
      continue;
    }
    word_start = false;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    }
    adv(l);
    empty = false;
    l->mark_end(l);
  }
  if (empty) return false;
  return emit(s, l, first ? SHELL_FIRST : SHELL_FRAGMENT);
}

/* ------------------------------------------------------------------ directives */

static bool scan_hash_line(Scanner *s, TSLexer *l, const bool *valid) {
  /* lookahead is '#', at the start of a line */
  bool directive_ok = valid[DIRECTIVE_START] && !s->directives_done && !s->cont;
  adv(l);
  if (directive_ok) {
    while (is_ws(l->lookahead)) adv(l);
    l->mark_end(l);
    char key[8];
    int klen = 0;
    bool long_key = false;
    if (is_alpha(l->lookahead)) {
      while (is_alpha(l->lookahead) || is_digit(l->lookahead)) {
        if (klen < 7) {
          key[klen++] = (char)lower(l->lookahead);
        } else {
          long_key = true;
        }
        adv(l);
      }
      key[klen] = 0;
      while (is_ws(l->lookahead)) adv(l);
      if (l->lookahead == '=') {
        adv(l);
        while (is_ws(l->lookahead)) adv(l);
        if (!l->eof(l) && !is_nl(l->lookahead)) {
          if (!long_key && (!strcmp(key, "syntax") || !strcmp(key, "escape") || !strcmp(key, "check"))) {
            s->pending_escape = !strcmp(key, "escape");
            return emit(s, l, DIRECTIVE_START);
          }
          /* unknown directive: a comment that does not end the directive block */
          while (!l->eof(l) && !is_nl(l->lookahead)) {
            adv(l);
            l->mark_end(l);
          }
          l->result_symbol = COMMENT;
          return true;
        }
      }
    }
  }
  if (!valid[COMMENT]) return false;
  l->mark_end(l);
  while (!l->eof(l) && !is_nl(l->lookahead)) {
    adv(l);
    l->mark_end(l);
  }
  bool in_cont = s->cont;
  emit(s, l, COMMENT);
  if (in_cont) s->cmt_in_cont = true;
  return true;
}

static bool scan_directive_value(Scanner *s, TSLexer *l) {
  int32_t first = 0;
  int n = 0;
  while (!l->eof(l) && !is_nl(l->lookahead)) {
    if (!is_ws(l->lookahead)) {
      if (n == 0) first = l->lookahead;
      adv(l);
      n++;
      l->mark_end(l);
    } else {
      adv(l);
      n++;
    }
  }
  if (n == 0) return false;
  if (s->pending_escape) {
    /* value is trimmed; exactly one char when `first` is the only non-space char
       up to mark_end.  Approximation: accept when first is ` or \ */
    if (first == '`' || first == '\\') s->escape = first;
  }
  s->pending_escape = false;
  l->result_symbol = DIRECTIVE_VALUE;
  return true;
}

/* ------------------------------------------------------------------ main */

static bool scan_error_mode(Scanner *s, TSLexer *l, const bool *valid) {
  (void)valid;
  if (s->hd_bol && s->hd_count > 0) return scan_heredoc(s, l);
  int32_t c = l->lookahead;
  bool bol = false;
  if (is_ws(c) || c == '#' || is_nl(c)) bol = l->get_column(l) == 0;
  bool skipped = false;
  while (is_ws(l->lookahead) || l->lookahead == 0xFEFF) {
    skip_char(l);
    skipped = true;
  }
  c = l->lookahead;
  if (l->eof(l)) return false;
  if (is_nl(c)) {
    consume_newline(l);
    l->mark_end(l);
    if (s->cmt_in_cont || (bol && s->cont)) {
      emit(s, l, CONT_SKIP);
      s->cont = true;
      return true;
    }
    if (s->hd_count > 0) {
      emit(s, l, HEREDOC_NL);
      s->hd_bol = true;
      return true;
    }
    return emit(s, l, NEWLINE);
  }
  if (c == '#' && bol) {
    bool save = valid[DIRECTIVE_START];
    (void)save;
    adv(l);
    while (!l->eof(l) && !is_nl(l->lookahead)) adv(l);
    l->mark_end(l);
    bool in_cont = s->cont;
    emit(s, l, COMMENT);
    if (in_cont) s->cmt_in_cont = true;
    return true;
  }
  if (c == s->escape) {
    if (handle_escape(l) == ESC_CONT) return emit_continuation(s, l, skipped);
  }
  return false;
}

bool tree_sitter_dockerfile_external_scanner_scan(void *payload, TSLexer *l, const bool *valid) {
  Scanner *s = (Scanner *)payload;
  if (valid[ERROR_SENTINEL]) return scan_error_mode(s, l, valid);

  /* After an instruction keyword: the word must end here. */
  if (valid[KW_END]) {
    int32_t next = l->lookahead;
    if (is_ws(next) || is_nl(next) || l->eof(l) || next == s->escape) {
      l->mark_end(l);
      l->result_symbol = KW_END;
      return true;
    }
    return false;
  }

  if (s->hd_bol && s->hd_count > 0 && (valid[HEREDOC_BODY] || valid[HEREDOC_END])) return scan_heredoc(s, l);

  if (valid[DQ_CHUNK]) return scan_chunk(s, l, K_DQ, DQ_CHUNK, true, false);
  if (valid[EXP_CHUNK]) return scan_chunk(s, l, K_EXP, EXP_CHUNK, true, false);

  int32_t c = l->lookahead;
  bool bol = false;
  /* get_column at end of input crashes the tree-sitter runtime we link (files without a
     final newline), so the column is only asked for inside the text. */
  const bool at_eof = l->eof(l);
  if (is_ws(c) || c == '#' || is_nl(c) || c == 0xFEFF || at_eof) bol = !at_eof && l->get_column(l) == 0;
  /* The runtime skips a leading BOM itself, and some versions then count it as a column. */
  if (!s->started && c == '#') bol = true;
  /* `cont` survives grammar-lexed tokens (`--mount` on a continuation line), so it only
     means "right after the continuation" while we are still at the start of the line. */
  const bool after_cont = s->cont && (bol || is_ws(c) || at_eof || l->get_column(l) == 0);
  bool skipped = false;
  while (is_ws(l->lookahead) || l->lookahead == 0xFEFF) {
    skip_char(l);
    skipped = true;
  }
  c = l->lookahead;

  if (l->eof(l)) {
    if (s->hd_count > 0 && valid[HEREDOC_NL]) {
      l->mark_end(l);
      emit(s, l, HEREDOC_NL);
      s->hd_bol = true;
      return true;
    }
    if (valid[NEWLINE] && !s->eof_done) {
      l->mark_end(l);
      emit(s, l, NEWLINE);
      s->eof_done = true;
      s->hd_count = 0;
      return true;
    }
    return false;
  }

  if (valid[DIRECTIVE_VALUE] && !is_nl(c)) return scan_directive_value(s, l);

  if (is_nl(c)) {
    if (s->cmt_in_cont || (bol && s->cont)) {
      consume_newline(l);
      l->mark_end(l);
      emit(s, l, CONT_SKIP);
      s->cont = true;
      return true;
    }
    if (s->hd_count > 0 && valid[HEREDOC_NL]) {
      consume_newline(l);
      l->mark_end(l);
      emit(s, l, HEREDOC_NL);
      s->hd_bol = true;
      return true;
    }
    if (valid[NEWLINE]) {
      bool was_done = s->directives_done;
      consume_newline(l);
      l->mark_end(l);
      emit(s, l, NEWLINE);
      s->hd_count = 0;
      s->directives_done = was_done || bol;
      return true;
    }
    return false;
  }

  if (c == '#' && bol && (valid[COMMENT] || valid[DIRECTIVE_START])) return scan_hash_line(s, l, valid);

  /* zero-width concatenation of word pieces */
  int concat = -1;
  if (valid[CONCAT]) concat = CONCAT;
  else if (valid[CONCAT_KEY]) concat = CONCAT_KEY;
  else if (valid[CONCAT_USER]) concat = CONCAT_USER;
  else if (valid[CONCAT_IMAGE]) concat = CONCAT_IMAGE;
  else if (valid[CONCAT_TAG]) concat = CONCAT_TAG;
  if (concat >= 0 && !skipped && !(s->cont && s->ws_before_cont)) {
    bool stop = false;
    switch (concat) {
      case CONCAT_KEY: stop = c == '='; break;
      case CONCAT_USER: stop = c == ':'; break;
      case CONCAT_IMAGE: stop = c == ':' || c == '@'; break;
      case CONCAT_TAG: stop = c == '@'; break;
      default: break;
    }
    if (!stop) {
      l->mark_end(l);
      if (c == s->escape) {
        if (handle_escape(l) == ESC_CONT) return emit_continuation(s, l, false);
      }
      return emit(s, l, (enum TokenType)concat);
    }
  }

  bool new_word = skipped || bol || after_cont;
  /* `--flag=value`, `key=value`: the '=' is a grammar token */
  if (!new_word && c == '=') return false;

  if (valid[FLAGS_END] && new_word && c == '-') {
    /* `--` alone ends the flags; `--name` is lexed by the grammar */
    adv(l);
    if (l->lookahead != '-') return false;
    adv(l);
    if (l->eof(l) || is_ws(l->lookahead) || is_nl(l->lookahead)) {
      l->mark_end(l);
      return emit(s, l, FLAGS_END);
    }
    return false;
  }

  if (valid[SHELL_FIRST] || valid[SHELL_FRAGMENT]) {
    return scan_shell(s, l, valid[SHELL_FIRST], valid[HEREDOC_MARKER], skipped);
  }

  if (valid[LINE_TEXT]) return scan_line_text(s, l);

  Kind kind = K_CHUNK;
  enum TokenType sym = CHUNK;
  bool have = false;
  if (valid[LINE_CHUNK] && !(valid[CONCAT_KEY] && !skipped && !s->cont)) {
    kind = K_LINE; sym = LINE_CHUNK; have = true;
  } else if (valid[KEY_CHUNK] && (new_word || !valid[CHUNK])) {
    kind = K_KEY; sym = KEY_CHUNK; have = true;
  } else if (valid[USER_CHUNK]) {
    kind = K_USER; sym = USER_CHUNK; have = true;
  } else if (valid[IMAGE_CHUNK]) {
    kind = K_IMAGE; sym = IMAGE_CHUNK; have = true;
  } else if (valid[TAG_CHUNK]) {
    kind = K_TAG; sym = TAG_CHUNK; have = true;
  } else if (valid[PATH_CHUNK]) {
    kind = K_PATH; sym = PATH_CHUNK; have = true;
  } else if (valid[CHUNK]) {
    kind = K_CHUNK; sym = CHUNK; have = true;
  }

  if (have) {
    bool empty = true;
    if (kind == K_PATH && c == '[' && !valid[NEWLINE] && !valid[CONCAT]) return false; /* JSON form */
    if (valid[HEREDOC_MARKER] && new_word && (c == '<' || is_digit(c))) {
      Heredoc h;
      if (try_heredoc(l, &h)) {
        l->mark_end(l);
        push_heredoc(s, &h);
        return emit(s, l, HEREDOC_MARKER);
      }
      empty = false;
      l->mark_end(l);
    } else if (new_word && c == '-' && kind != K_LINE) {
      adv(l);
      if (l->lookahead == '-') return false; /* a flag */
      empty = false;
      l->mark_end(l);
    }
    return scan_chunk(s, l, kind, sym, empty, skipped);
  }

  if (c == s->escape) {
    if (handle_escape(l) == ESC_CONT) return emit_continuation(s, l, skipped);
  }
  return false;
}

void *tree_sitter_dockerfile_external_scanner_create(void) {
  static const Scanner init = {0};
  Scanner *s = (Scanner *)malloc(sizeof(Scanner));
  if (!s) return NULL;
  *s = init;
  s->escape = '\\';
  return s;
}

void tree_sitter_dockerfile_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_dockerfile_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = (Scanner *)payload;
  unsigned n = 0;
  buffer[n++] = (char)s->escape;
  uint8_t f = 0;
  if (s->directives_done) f |= F_DIR_DONE;
  if (s->pending_escape) f |= F_PEND_ESC;
  if (s->cont) f |= F_CONT;
  if (s->ws_before_cont) f |= F_WS_CONT;
  if (s->cmt_in_cont) f |= F_CMT;
  if (s->hd_bol) f |= F_HD_BOL;
  if (s->eof_done) f |= F_EOF;
  if (s->started) f |= F_STARTED;
  buffer[n++] = (char)f;
  buffer[n++] = (char)s->hd_count;
  for (uint8_t i = 0; i < s->hd_count; i++) {
    buffer[n++] = (char)s->hd[i].strip;
    buffer[n++] = (char)s->hd[i].len;
    memcpy(buffer + n, s->hd[i].name, s->hd[i].len);
    n += s->hd[i].len;
  }
  return n;
}

void tree_sitter_dockerfile_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *s = (Scanner *)payload;
  memset(s, 0, sizeof(*s));
  s->escape = '\\';
  if (length < 3) return;
  unsigned n = 0;
  s->escape = (unsigned char)buffer[n++];
  uint8_t f = (uint8_t)buffer[n++];
  s->directives_done = f & F_DIR_DONE;
  s->pending_escape = f & F_PEND_ESC;
  s->cont = f & F_CONT;
  s->ws_before_cont = f & F_WS_CONT;
  s->cmt_in_cont = f & F_CMT;
  s->hd_bol = f & F_HD_BOL;
  s->eof_done = f & F_EOF;
  s->started = f & F_STARTED;
  uint8_t count = (uint8_t)buffer[n++];
  for (uint8_t i = 0; i < count && i < MAX_HEREDOCS && n + 2 <= length; i++) {
    Heredoc *h = &s->hd[i];
    h->strip = (uint8_t)buffer[n++];
    h->len = (uint8_t)buffer[n++];
    if (h->len > MAX_NAME || n + h->len > length) break;
    memcpy(h->name, buffer + n, h->len);
    n += h->len;
    s->hd_count = (uint8_t)(i + 1);
  }
}
