#include "web/api/v1/body.hpp"

namespace yoyaku::web::api_v1 {

std::string text(const nlohmann::json& body, const char* name, const std::string& fallback) {
  auto found = body.find(name);
  return found != body.end() && found->is_string() ? found->get<std::string>() : fallback;
}

bool flag(const nlohmann::json& body, const char* name, bool fallback) {
  auto found = body.find(name);
  return found != body.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

std::optional<std::vector<std::string>> topic_list(const nlohmann::json& body) {
  auto topics = body.find("topics");
  if (topics == body.end() || !topics->is_array()) return std::nullopt;
  std::vector<std::string> codes;
  for (const auto& t : *topics) {
    if (t.is_string()) codes.push_back(t.get<std::string>());
  }
  return codes;
}

services::ReservationForm reservation_form(const nlohmann::json& body, const services::ReservationForm& current) {
  services::ReservationForm form = current;
  form.family_name = text(body, "family_name", current.family_name);
  form.given_name = text(body, "given_name", current.given_name);
  form.job_seeker_number = text(body, "job_seeker_number", current.job_seeker_number);
  form.phone = text(body, "phone", current.phone);
  form.staff_note = text(body, "staff_note", current.staff_note);
  form.topics = topic_list(body).value_or(current.topics);
  return form;
}

}  // namespace yoyaku::web::api_v1
