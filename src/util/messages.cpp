#include "util/messages.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "domain/english_dates.hpp"
#include "util/embedded_files.hpp"

namespace yoyaku {
namespace {

using domain::Language;

constexpr Language all_languages[] = {Language::ja, Language::en};

void flatten(const nlohmann::json& node, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
  for (const auto& [name, value] : node.items()) {
    std::string key = prefix.empty() ? name : prefix + "." + name;
    if (value.is_object()) {
      flatten(value, key, out);
    } else if (value.is_string()) {
      out.emplace(key, value.get<std::string>());
    } else {
      throw std::runtime_error("message " + key + " is neither a text nor a group");
    }
  }
}

}  // namespace

// "…（現在{count}文字）。" -> ^…（現在(.+?)文字）。$ with names {"count"}.
Messages::Pattern Messages::pattern_of(const std::string& japanese, const std::string& key) {
  static const std::regex placeholder("\\{([a-z_]+)\\}");
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  std::string expression = "^";
  std::vector<std::string> names;
  auto literal = [&](const std::string& text) { expression += std::regex_replace(text, special, "\\$&"); };
  std::size_t last = 0;
  for (std::sregex_iterator it(japanese.begin(), japanese.end(), placeholder), end; it != end; ++it) {
    literal(japanese.substr(last, it->position() - last));
    expression += "(.+?)";
    names.push_back((*it)[1]);
    last = it->position() + it->length();
  }
  literal(japanese.substr(last));
  expression += "$";
  return {std::regex(expression), std::move(names), key};
}

Messages::Messages(const Sources& sources) {
  for (const auto& [language, text] : sources) {
    auto parsed = nlohmann::json::parse(text);
    if (!parsed.is_object()) throw std::runtime_error("a message catalogue must be a JSON object");
    flatten(parsed, "", texts_[language]);
  }
  for (const auto& [key, text] : texts_[Language::ja]) {
    if (key.rfind("code.", 0) == 0) code_keys_.emplace(text, key);
    if (key.rfind("code_pattern.", 0) == 0) code_patterns_.push_back(pattern_of(text, key));
  }
}

const Messages& Messages::embedded() {
  static const Messages instance = [] {
    Sources sources;
    for (Language language : all_languages) {
      std::string path = "i18n/" + std::string(domain::language_code(language)) + ".json";
      auto file = embedded_file(path);
      if (!file) throw std::runtime_error(path + " is not embedded");
      sources.emplace(language, std::string(*file));
    }
    return Messages(sources);
  }();
  return instance;
}

const std::string* Messages::find(Language language, std::string_view key) const {
  auto catalogue = texts_.find(language);
  if (catalogue == texts_.end()) return nullptr;
  auto found = catalogue->second.find(key);
  return found == catalogue->second.end() ? nullptr : &found->second;
}

std::string Messages::text(Language language, std::string_view key,
                           const std::map<std::string, std::string>& values) const {
  const std::string* found = find(language, key);
  if (!found) {
    throw std::out_of_range("no message " + std::string(key) + " in " + std::string(domain::language_code(language)));
  }
  if (values.empty()) return *found;
  std::string out;
  out.reserve(found->size());
  for (std::size_t i = 0; i < found->size();) {
    if ((*found)[i] == '{') {
      auto close = found->find('}', i);
      if (close != std::string::npos) {
        auto value = values.find(found->substr(i + 1, close - i - 1));
        if (value != values.end()) {
          out += value->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += (*found)[i++];
  }
  return out;
}

std::string Messages::localize(Language language, const std::string& japanese) const {
  if (language == Language::ja) return japanese;
  if (auto key = code_keys_.find(japanese); key != code_keys_.end()) {
    if (const std::string* text = find(language, key->second)) return *text;
  }
  std::smatch match;
  for (const auto& pattern : code_patterns_) {
    if (!std::regex_match(japanese, match, pattern.japanese)) continue;
    std::map<std::string, std::string> values;
    for (std::size_t i = 0; i < pattern.names.size(); ++i) values[pattern.names[i]] = match[i + 1].str();
    return domain::english_dates_in(text(language, pattern.key, values));
  }
  return domain::english_dates_in(japanese);
}

void Messages::localize_all(Language language, nlohmann::json& context) const {
  if (language == Language::ja) return;
  if (context.is_string()) {
    context = localize(language, context.get_ref<const std::string&>());
  } else if (context.is_object()) {
    for (auto item = context.begin(); item != context.end(); ++item) {
      if (item.key() != "values") localize_all(language, item.value());
    }
  } else if (context.is_array()) {
    for (auto& value : context) localize_all(language, value);
  }
}

std::vector<std::string> Messages::keys(Language language) const {
  std::vector<std::string> out;
  auto catalogue = texts_.find(language);
  if (catalogue == texts_.end()) return out;
  for (const auto& [key, text] : catalogue->second) out.push_back(key);
  return out;
}

std::string Messages::expand(std::string_view source, Language language) const {
  static constexpr std::string_view open = "{{t.";
  std::string out;
  out.reserve(source.size());
  std::size_t pos = 0;
  while (true) {
    auto start = source.find(open, pos);
    if (start == std::string_view::npos) break;
    auto end = source.find("}}", start);
    if (end == std::string_view::npos) break;
    std::string_view key = source.substr(start + open.size(), end - start - open.size());
    const std::string* text = find(language, key);
    if (!text) {
      throw std::out_of_range("no message " + std::string(key) + " in " + std::string(domain::language_code(language)));
    }
    out.append(source.substr(pos, start - pos));
    out += *text;
    pos = end + 2;
  }
  out.append(source.substr(pos));
  return out;
}

std::vector<std::string> catalogue_differences(const Messages& messages) {
  std::vector<std::string> out;
  for (Language language : all_languages) {
    for (const auto& key : messages.keys(language)) {
      for (Language other : all_languages) {
        if (other != language && !messages.find(other, key)) {
          out.push_back(std::string(domain::language_code(other)) + ": " + key);
        }
      }
    }
  }
  return out;
}

}  // namespace yoyaku
