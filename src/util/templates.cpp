#include "util/templates.hpp"

#include <kainjow/mustache.hpp>

#include <mutex>
#include <tuple>
#include <stdexcept>

#include "util/embedded_files.hpp"
#include "util/messages.hpp"

namespace yoyaku {
namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, to_data(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(to_data(item));
      return list;
    }
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                               : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::string:
      // "" is false, as in mustache.js: {{#phone}}…{{/phone}} shows nothing when there is no phone.
      if (value.get_ref<const std::string&>().empty()) return mustache::data{mustache::data::type::bool_false};
      return mustache::data{value.get<std::string>()};
    case nlohmann::json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{value.dump()};
  }
}

}  // namespace

struct Templates::Impl {
  // Per language: each template's source with its {{t.KEY}} messages filled in.
  std::map<domain::Language, std::map<std::string, std::string>> sources;
  const std::map<std::string, std::string>& of(domain::Language language) const { return sources.at(language); }
  // kainjow's render() is not const, so each thread renders its own copies,
  // parsed once per thread from the validated sources.
  mustache::mustache& for_this_thread(const std::string& name, domain::Language language) const {
    thread_local std::map<std::tuple<const Impl*, domain::Language, std::string>, std::unique_ptr<mustache::mustache>>
        parsed;
    auto key = std::make_tuple(this, language, name);
    auto found = parsed.find(key);
    if (found == parsed.end()) {
      auto source = of(language).find(name);
      if (source == of(language).end()) throw std::runtime_error("no template " + name);
      found = parsed.emplace(key, std::make_unique<mustache::mustache>(source->second)).first;
      if (name.rfind("mail/", 0) == 0) found->second->set_custom_escape([](const std::string& s) { return s; });
    }
    return *found->second;
  }
};

Templates::Templates() : impl_(std::make_unique<Impl>()) {
  const std::string prefix = "templates/";
  const std::string suffix = ".mustache";
  for (const auto& file : embedded_files()) {
    std::string path(file.path);
    if (path.rfind(prefix, 0) != 0 || path.size() <= suffix.size() ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string name = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    for (domain::Language language : {domain::Language::ja, domain::Language::en}) {
      std::string source;
      try {
        source = Messages::embedded().expand(file.data, language);
      } catch (const std::out_of_range& missing) {
        throw std::runtime_error("template " + path + ": " + missing.what());
      }
      mustache::mustache check{source};
      if (!check.is_valid()) throw std::runtime_error("template " + path + ": " + check.error_message());
      impl_->sources[language].emplace(name, std::move(source));
    }
  }
  if (!has("layout")) throw std::runtime_error("templates/layout.mustache is missing");
}

Templates::~Templates() = default;

const Templates& Templates::embedded() {
  static const Templates instance;
  return instance;
}

bool Templates::has(const std::string& name) const { return impl_->of(domain::Language::ja).count(name) > 0; }

std::string Templates::render(const std::string& name, const nlohmann::json& context,
                              domain::Language language) const {
  auto& tmpl = impl_->for_this_thread(name, language);
  mustache::data data = to_data(context);
  // {{>partials/NAME}} includes templates/partials/NAME.mustache.
  if (impl_->of(language).at(name).find("{{>") != std::string::npos) {
    for (const auto& [partial_name, source] : impl_->of(language)) {
      if (partial_name.rfind("partials/", 0) != 0) continue;
      const std::string* text = &source;
      data.set(partial_name, mustache::partial{[text] { return *text; }});
    }
  }
  std::string out = tmpl.render(data);
  if (!tmpl.error_message().empty()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return out;
}

std::string Templates::render_page(const std::string& name, nlohmann::json context, const std::string& layout,
                                   domain::Language language) const {
  context["content"] = render(name, context, language);
  return render(layout, context, language);
}

}  // namespace yoyaku
