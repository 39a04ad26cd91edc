#pragma once
// Place names in rōmaji for the English pages: an office's reading
// (「しながわ」) written the way Japanese signs do, modified Hepburn without
// long-vowel marks ("Shinagawa", "Sapporo", "Tokyo").
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::domain {

// The reading (hiragana; katakana are taken too) in rōmaji with a capital
// first letter; nullopt when it holds anything else (it is then not shown).
std::optional<std::string> romaji_of_reading(std::string_view reading);

}  // namespace yoyaku::domain
