// API request bodies: web::parse_json_object (RequestContext::json_body), the
// member readers of web/api/v1/body.cpp, and the STEP5 check of the fields.
#include <string>

#include "domain/booking_ids.hpp"
#include "domain/forms.hpp"
#include "fuzz_check.hpp"
#include "web/api/v1/body.hpp"
#include "web/json_body.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  auto body = web::parse_json_object(text);
  if (!body) {
    FUZZ_CHECK(!text.empty());
    return 0;
  }
  FUZZ_CHECK(body->is_object());

  // Whatever was accepted can be written back (no invalid UTF-8 inside) and reads the same.
  const std::string dumped = body->dump();
  auto again = web::parse_json_object(dumped);
  FUZZ_CHECK(again && *again == *body);

  services::ReservationForm current;
  current.family_name = "雇用";
  current.topics = {"consultation"};
  auto form = web::api_v1::reservation_form(*body, current);
  for (const std::string* field : {&form.family_name, &form.given_name, &form.job_seeker_number, &form.phone,
                                   &form.staff_note}) {
    FUZZ_CHECK(fuzz::reference_valid_utf8(*field));
  }
  if (!body->contains("family_name") || !(*body)["family_name"].is_string()) {
    FUZZ_CHECK(form.family_name == current.family_name);
  }
  if (auto topics = web::api_v1::topic_list(*body)) {
    FUZZ_CHECK(form.topics == *topics);
  } else {
    FUZZ_CHECK(form.topics == current.topics);
  }
  (void)web::api_v1::flag(*body, "agreed_to_terms");

  auto checked = domain::check_booking_details(
      {{form.family_name, form.given_name, form.job_seeker_number, form.phone}, form.topics, form.staff_note});
  if (checked.errors.empty()) {
    // What passed passes again unchanged.
    auto twice = domain::check_booking_details(checked.clean);
    FUZZ_CHECK(twice.errors.empty());
    FUZZ_CHECK(twice.clean.person.family_name == checked.clean.person.family_name);
    FUZZ_CHECK(twice.clean.person.job_seeker_number == checked.clean.person.job_seeker_number);
    FUZZ_CHECK(twice.clean.person.phone == checked.clean.person.phone);
    FUZZ_CHECK(twice.clean.staff_note == checked.clean.staff_note);
    FUZZ_CHECK(twice.clean.topics == checked.clean.topics);
  }

  if (auto slot = domain::parse_slot_id(web::api_v1::text(*body, "slot_id"))) {
    FUZZ_CHECK(slot->frame_id > 0 && slot->date.ok());
  }
  return 0;
}
