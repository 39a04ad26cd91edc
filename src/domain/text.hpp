#pragma once
// Text rules for what users type: IME full-width digits and hyphens, UTF-8.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

// Full-width digits (０-９) become ASCII digits and the dashes an IME may
// produce (－ ‐ ‑ ‒ – — ― − ー ｰ) become '-'; surrounding spaces (ASCII and
// U+3000) are trimmed. Other characters are kept.
std::string normalize_digits_and_hyphens(std::string_view text);

// Trims ASCII whitespace and U+3000 (ideographic space) at both ends.
std::string trim(std::string_view text);

// Whether `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Well-formed UTF-8 without NUL: what the input boundary (web/http.cpp) lets in.
bool is_clean_utf8(std::string_view text);

// `text` with each byte that is not part of well-formed UTF-8 replaced by
// U+FFFD and each control character (C0, DEL) by a space: for values that are
// recorded as sent (a User-Agent), never refused.
std::string sanitize_utf8(std::string_view text);

// At most `max_bytes` bytes of `text`, cut before a character, never inside one
// (`text` is well-formed UTF-8).
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

// Number of Unicode code points (what a user counts as characters, close enough
// for limits like 2,000 文字). Invalid UTF-8 bytes count one each.
std::size_t count_code_points(std::string_view text);

// Well-formed UTF-8 without control characters (with `multiline`, CR and LF allowed).
bool is_plain_text(std::string_view text, bool multiline);

// A whole number as a form field holds it (full-width digits allowed, at most
// six digits, surrounding spaces trimmed), or -1 for anything else.
int typed_whole_number(std::string_view typed);

// "a,b,c" -> {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
std::string join_list(const std::vector<std::string>& items, std::string_view separator = ",");

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

}  // namespace yoyaku::domain
