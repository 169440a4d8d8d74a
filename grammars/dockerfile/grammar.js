/**
 * Tree-sitter grammar for Dockerfiles (berth).
 * Written for this project; see NODES.md for the node contract.
 * Most lexing that depends on the escape character (line continuations,
 * words, shell text, heredocs, parser directives) is done by src/scanner.c.
 */

// Case-insensitive keyword regex.
const ci = (w) => new RegExp(w.split('').map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join(''));

// A keyword must end the word: `RUNN x` is an unknown instruction, not RUN + `N x`. The
// zero-width _kw_end (scanner) checks that whitespace, a newline or EOF follows.
const kw = ($, w) => seq(field('keyword', alias(ci(w), $.keyword)), $._kw_end);

module.exports = grammar({
  name: 'dockerfile',

  externals: ($) => [
    $._directive_start,
    $.directive_value,
    $.comment,
    $.line_continuation,
    $._cont_skip,
    $._newline,
    $._heredoc_nl,
    $._shell_first,
    $._shell_fragment,
    $.heredoc_marker,
    $.heredoc_body,
    $.heredoc_end,
    $._concat,
    $._concat_key,
    $._concat_user,
    $._concat_image,
    $._concat_tag,
    $._chunk,
    $._path_chunk,
    $._key_chunk,
    $._user_chunk,
    $._image_chunk,
    $._tag_chunk,
    $._dq_chunk,
    $._line_chunk,
    $._line_text,
    $._exp_chunk,
    $._flags_end,
    $._error_sentinel,
    $._kw_end,
  ],

  extras: ($) => [/[ \t\r\uFEFF]/, $.line_continuation, $.comment, $._cont_skip],

  rules: {
    source_file: ($) => seq(
      repeat(seq($.parser_directive, $._newline)),
      repeat(choice($._newline, seq($._instruction, $._newline))),
    ),

    parser_directive: ($) => seq(
      $._directive_start,
      field('name', $.directive_name),
      '=',
      field('value', $.directive_value),
    ),
    directive_name: (_) => /[a-zA-Z][a-zA-Z0-9]*/,

    _instruction: ($) => choice(
      $.from_instruction,
      $.run_instruction,
      $.cmd_instruction,
      $.label_instruction,
      $.maintainer_instruction,
      $.expose_instruction,
      $.env_instruction,
      $.add_instruction,
      $.copy_instruction,
      $.entrypoint_instruction,
      $.volume_instruction,
      $.user_instruction,
      $.workdir_instruction,
      $.arg_instruction,
      $.onbuild_instruction,
      $.stopsignal_instruction,
      $.healthcheck_instruction,
      $.shell_instruction,
    ),

    // ---------------------------------------------------------------- FROM
    from_instruction: ($) => seq(
      kw($, 'FROM'),
      repeat($.param),
      field('image', $.image_spec),
      optional(seq(field('as', $.as_keyword), field('name', $.stage_name))),
    ),
    as_keyword: (_) => ci('AS'),
    stage_name: ($) => $._uword,
    image_spec: ($) => seq(
      field('name', $.image_name),
      optional(seq(token.immediate(':'), field('tag', $.image_tag))),
      optional(seq(token.immediate('@'), field('digest', $.image_digest))),
    ),
    image_name: ($) => seq(
      choice($._image_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string),
      repeat(seq($._concat_image, choice($._image_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string))),
    ),
    image_tag: ($) => seq(
      choice($._tag_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string),
      repeat(seq($._concat_tag, choice($._tag_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string))),
    ),
    image_digest: ($) => $._uword,

    // ---------------------------------------------------------------- flags
    // `--` alone (end of flags) is a param without name
    param: ($) => choice(
      seq(
        '--',
        field('name', $.param_name),
        optional(seq(token.immediate('='), field('value', $.param_value))),
      ),
      $._flags_end,
    ),
    param_name: (_) => token.immediate(/[A-Za-z][A-Za-z0-9_-]*/),
    param_value: ($) => seq(
      choice($._chunk, $.expansion, $.double_quoted_string, $.single_quoted_string),
      repeat(seq($._concat, $._piece)),
    ),

    // ---------------------------------------------------------------- RUN / CMD / ENTRYPOINT
    run_instruction: ($) => seq(
      kw($, 'RUN'),
      repeat($.param),
      choice($.json_string_array, $.shell_command),
      optional($._heredocs),
    ),
    cmd_instruction: ($) => seq(
      kw($, 'CMD'),
      repeat($.param),
      optional(choice($.json_string_array, alias($._plain_shell_command, $.shell_command))),
    ),
    entrypoint_instruction: ($) => seq(
      kw($, 'ENTRYPOINT'),
      repeat($.param),
      optional(choice($.json_string_array, alias($._plain_shell_command, $.shell_command))),
    ),
    shell_command: ($) => seq(
      choice(alias($._shell_first, $.shell_fragment), $.heredoc_marker),
      repeat(choice(alias($._shell_fragment, $.shell_fragment), $.heredoc_marker)),
    ),
    _plain_shell_command: ($) => seq(
      alias($._shell_first, $.shell_fragment),
      repeat(alias($._shell_fragment, $.shell_fragment)),
    ),

    _heredocs: ($) => seq(
      $._heredoc_nl, $.heredoc_block,
      repeat(seq($._heredoc_nl, $.heredoc_block)),
    ),
    heredoc_block: ($) => seq(optional($.heredoc_body), $.heredoc_end),

    // ---------------------------------------------------------------- LABEL / ENV / ARG
    label_instruction: ($) => seq(
      kw($, 'LABEL'),
      choice(
        alias($._label_pair_legacy, $.label_pair),
        repeat1($.label_pair),
      ),
    ),
    label_pair: ($) => prec.right(seq(
      field('key', $._key),
      token.immediate('='),
      optional(field('value', $._value)),
    )),
    _label_pair_legacy: ($) => seq(field('key', $._key), field('value', $.legacy_value)),

    env_instruction: ($) => seq(
      kw($, 'ENV'),
      choice(
        alias($._env_pair_legacy, $.env_pair),
        repeat1($.env_pair),
      ),
    ),
    env_pair: ($) => prec.right(seq(
      field('name', alias($._kword, $.unquoted_string)),
      token.immediate('='),
      optional(field('value', $._value)),
    )),
    _env_pair_legacy: ($) => seq(
      field('name', alias($._kword, $.unquoted_string)),
      field('value', $.legacy_value),
    ),
    legacy_value: ($) => repeat1(choice($._line_chunk, $.expansion)),

    arg_instruction: ($) => seq(kw($, 'ARG'), repeat1($.arg_definition)),
    arg_definition: ($) => prec.right(seq(
      field('name', alias($._kword, $.unquoted_string)),
      optional(seq(token.immediate('='), optional(field('default', $._value)))),
    )),

    _key: ($) => choice(alias($._kword, $.unquoted_string), $.double_quoted_string, $.single_quoted_string),
    _value: ($) => choice(
      alias($._uword, $.unquoted_string),
      alias($._qword, $.unquoted_string),
      $.double_quoted_string,
      $.single_quoted_string,
    ),
    // a quoted string followed by more pieces: "a"/"b", 'x'$Y
    _qword: ($) => seq(
      choice($.double_quoted_string, $.single_quoted_string),
      repeat1(seq($._concat, $._piece)),
    ),

    // ---------------------------------------------------------------- misc instructions
    maintainer_instruction: ($) => seq(kw($, 'MAINTAINER'), field('value', alias($._line_text, $.unquoted_string))),

    expose_instruction: ($) => seq(kw($, 'EXPOSE'), repeat1(alias($._uword, $.expose_port))),

    add_instruction: ($) => seq(
      kw($, 'ADD'),
      repeat($.param),
      choice($.json_string_array, repeat1(choice($.path, $.heredoc_marker))),
      optional($._heredocs),
    ),
    copy_instruction: ($) => seq(
      kw($, 'COPY'),
      repeat($.param),
      choice($.json_string_array, repeat1(choice($.path, $.heredoc_marker))),
      optional($._heredocs),
    ),

    volume_instruction: ($) => seq(kw($, 'VOLUME'), choice($.json_string_array, repeat1($.path))),

    user_instruction: ($) => seq(
      kw($, 'USER'),
      field('user', alias($._user_word, $.unquoted_string)),
      optional(seq(token.immediate(':'), field('group', alias($._uword, $.unquoted_string)))),
    ),

    workdir_instruction: ($) => seq(kw($, 'WORKDIR'), alias($.legacy_value, $.path)),

    onbuild_instruction: ($) => seq(kw($, 'ONBUILD'), field('instruction', $._instruction)),

    stopsignal_instruction: ($) => seq(kw($, 'STOPSIGNAL'), field('signal', alias($._uword, $.unquoted_string))),

    healthcheck_instruction: ($) => seq(
      kw($, 'HEALTHCHECK'),
      repeat($.param),
      optional(choice($.none_keyword, field('cmd', $.cmd_instruction))),
    ),
    none_keyword: (_) => ci('NONE'),

    shell_instruction: ($) => seq(kw($, 'SHELL'), $.json_string_array),

    // ---------------------------------------------------------------- JSON
    json_string_array: ($) => seq(
      '[',
      optional(seq($.json_string, repeat(seq(',', $.json_string)))),
      ']',
    ),
    json_string: (_) => token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\[^\r\n]/)), '"')),

    // ---------------------------------------------------------------- words
    // general word: values, paths, ports, ...
    _uword: ($) => seq(choice($._chunk, $.expansion), repeat(seq($._concat, $._piece))),
    // path / param value: may also start with a quoted string
    // paths are split on whitespace only (quotes are text), like BuildKit
    path: ($) => seq(
      choice($._path_chunk, $.expansion),
      repeat(seq($._concat, choice($._path_chunk, $.expansion))),
    ),
    _piece: ($) => choice($._chunk, $.expansion, $.double_quoted_string, $.single_quoted_string),
    // key word (ENV/ARG names, LABEL keys): stops at '='
    _kword: ($) => seq(
      choice($._key_chunk, $.expansion),
      repeat(seq($._concat_key, choice($._key_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string))),
    ),
    // USER name: stops at ':'
    _user_word: ($) => seq(
      choice($._user_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string),
      repeat(seq($._concat_user, choice($._user_chunk, $.expansion, $.double_quoted_string, $.single_quoted_string))),
    ),

    // A single-quoted string missing its closing quote is tolerated (BuildKit's
    // parser accepts it); it then ends at the end of the line.
    double_quoted_string: ($) => seq('"', repeat(choice($._dq_chunk, $.expansion)), '"'),
    single_quoted_string: (_) => /'[^'\r\n]*'?/,

    expansion: ($) => choice(
      seq('$', field('variable', $.variable)),
      seq(
        '${',
        field('variable', $.variable),
        optional(seq(
          field('operator', $.expansion_operator),
          optional(field('word', $.expansion_word)),
        )),
        '}',
      ),
    ),
    variable: (_) => token.immediate(/[A-Za-z_][A-Za-z0-9_]*|[0-9]/),
    expansion_operator: (_) => token.immediate(/:?[-+?=]|##?|%%?|\/\/?|:/),
    expansion_word: ($) => repeat1(choice($._exp_chunk, $.expansion)),
  },
});
