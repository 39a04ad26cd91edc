#include "domain/office_contact.hpp"
#include "services/public/booking_form.hpp"

#include <nlohmann/json.hpp>

#include <tuple>

#include "domain/booking_ids.hpp"
#include "domain/forms.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/common/scope.hpp"
#include "services/common/standing.hpp"
#include "services/public/booking_internal.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/reservations.hpp"
#include "store/terms.hpp"

namespace yoyaku::services {
namespace {

const std::string lapsed_message =
    "仮予約の有効期限（60分）が切れたため、予約を確定できませんでした。入力内容は保存されています。もう一度、日時を選択してください。";

void save_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const ReservationForm& form,
                std::int64_t now) {
  nlohmann::json data = {{"family_name", form.family_name}, {"given_name", form.given_name},
                         {"job_seeker_number", form.job_seeker_number}, {"phone", form.phone},
                         {"topics", form.topics}, {"staff_note", form.staff_note}};
  store::save_booking_draft(c, user_id, procedure_id, data.dump(), now);
}

std::optional<ReservationForm> read_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  auto text = store::booking_draft(c, user_id, procedure_id);
  if (!text) return std::nullopt;
  auto data = nlohmann::json::parse(*text, nullptr, false);
  if (data.is_discarded() || !data.is_object()) return std::nullopt;
  ReservationForm form;
  form.family_name = data.value("family_name", "");
  form.given_name = data.value("given_name", "");
  form.job_seeker_number = data.value("job_seeker_number", "");
  form.phone = data.value("phone", "");
  form.topics = data.value("topics", std::vector<std::string>{});
  form.staff_note = data.value("staff_note", "");
  return form;
}

}  // namespace

ReservationForm form_of(const store::ReservationRow& row) {
  ReservationForm form;
  std::tie(form.family_name, form.given_name, form.job_seeker_number, form.phone, form.staff_note) =
      std::tie(row.family_name, row.given_name, row.job_seeker_number, row.phone, row.staff_note);
  form.topics = domain::split_list(row.topics);
  return form;
}

void copy_details(const ReservationForm& form, store::ReservationRow& row) {
  std::tie(row.family_name, row.given_name, row.job_seeker_number, row.phone, row.staff_note) =
      std::tie(form.family_name, form.given_name, form.job_seeker_number, form.phone, form.staff_note);
  row.topics = domain::join_list(form.topics);
}

ReservationForm validate_reservation_form(const ReservationForm& form) {
  auto checked = domain::check_booking_details(
      {{form.family_name, form.given_name, form.job_seeker_number, form.phone}, form.topics, form.staff_note});
  if (!checked.errors.empty()) throw ValidationError("入力内容に誤りがあります。", checked.errors);
  ReservationForm clean = form;
  clean.family_name = checked.clean.person.family_name;
  clean.given_name = checked.clean.person.given_name;
  clean.job_seeker_number = checked.clean.person.job_seeker_number;
  clean.phone = checked.clean.person.phone;
  clean.topics = checked.clean.topics;
  clean.staff_note = checked.clean.staff_note;
  return clean;
}

std::optional<ReservationForm> kept_booking_form(db::Connection& c, const Principal& principal,
                                                 std::int64_t procedure_id) {
  const std::int64_t user_id = job_seeker_id(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) { return read_draft(t, user_id, procedure_id); });
}

ReservationForm booking_form_values(db::Connection& c, const Principal& principal, std::int64_t procedure_id) {
  const std::int64_t user_id = job_seeker_id(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    if (auto saved = read_draft(t, user_id, procedure_id)) return *saved;
    ReservationForm values;
    if (auto user = store::find_user(t, user_id)) {
      values.family_name = user->family_name;
      values.given_name = user->given_name;
      values.job_seeker_number = user->job_seeker_number;
      values.phone = user->phone;
    }
    return values;
  });
}

std::optional<ReservationForm> previous_application(db::Connection& c, const Principal& principal) {
  const std::int64_t user_id = job_seeker_id(principal);
  auto last = db::in_transaction(c, false, [&](db::Connection& t) { return store::latest_reservation_of_user(t, user_id); });
  if (!last) return std::nullopt;
  ReservationForm form = form_of(*last);
  form.staff_note.clear();  // what staff wrote stays with that booking
  return form;
}

void keep_booking_form(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                       const ReservationForm& form, std::int64_t now) {
  const std::int64_t user_id = job_seeker_id(principal);
  db::in_transaction(c, true, [&](db::Connection& t) { save_draft(t, user_id, procedure_id, form, now); });
}

ReservationForm review_booking_form(db::Connection& c, const Principal& principal, const ReservationForm& typed,
                                    std::int64_t now) {
  HoldView hold = require_live_hold(c, principal, typed.hold_id, now);
  keep_booking_form(c, principal, hold.procedure_id, typed, now);
  ReservationForm clean = validate_reservation_form(typed);
  keep_booking_form(c, principal, hold.procedure_id, clean, now);
  return clean;
}

ConfirmedReservation confirm_reservation(db::Connection& c, const Principal& principal, const ReservationForm& input,
                                         const Links& links, const Client& client, std::int64_t now,
                                         const std::optional<IdempotencyKey>& idempotency) {
  const std::int64_t user_id = job_seeker_id(principal);
  ReservationForm form = validate_reservation_form(input);
  ConfirmedReservation result;
  std::optional<std::int64_t> lapsed_procedure;
  idempotent_write(c, idempotency, [&](db::Connection& t) {
    result = {};
    lapsed_procedure.reset();
    if (auto earlier = claim_idempotency(t, user_id, reservation_operation, idempotency, now)) {
      auto done = store::find_reservation(t, *earlier, scope_of(principal));
      if (!done) throw NotFoundError("指定された予約はありません。");
      result.number = done->reservation.number;
      result.reservation_id = done->reservation.id;
      result.slot = slot_view_of(done->at);
      result.replayed = true;
      return;
    }
    auto record = store::find_user_hold(t, form.hold_id, user_id);
    if (!record) throw NotFoundError("仮予約が見つかりません。もう一度、日時を選択してください。");
    const auto& hold = record->hold;
    if (hold.released_at || hold.expires_at <= now) {
      // Committed: the seat is free again, and what was typed waits for the next hold.
      store::lock_slot(t, hold.slot_id);
      release_hold(t, hold, now, "expired");
      save_draft(t, user_id, hold.procedure_id, input, now);
      forget_idempotency(t, user_id, reservation_operation, idempotency);
      lapsed_procedure = hold.procedure_id;
      return;
    }
    // The 利用規約 in force now must be the one agreed to: at STEP4 (the hold's
    // agreement, given after it was published) or with this request (the API's flag).
    auto terms = store::latest_terms_stamp(t, hold.procedure_id);
    if (form.terms_version_id && terms && *form.terms_version_id != terms->id) {
      throw ConflictError(terms_changed_message, "terms_changed");
    }
    const bool agreed_before = hold.agreed_at && agreement_current(t, hold.procedure_id, *hold.agreed_at);
    if (!agreed_before && !form.agreed_to_terms) {
      if (hold.agreed_at) throw ConflictError(terms_changed_message, "terms_changed");
      throw ValidationError("入力内容に誤りがあります。", {{"agreed_to_terms", "利用規約に同意してください。"}});
    }
    store::lock_slot(t, hold.slot_id);
    if (!store::release_hold(t, hold.id, now, "confirmed")) {  // the seat passes to the reservation
      // Released meanwhile (a frame change no longer offers this time): as if lapsed.
      save_draft(t, user_id, hold.procedure_id, input, now);
      forget_idempotency(t, user_id, reservation_operation, idempotency);
      lapsed_procedure = hold.procedure_id;
      return;
    }
    auto parties = store::booking_parties(t, hold.procedure_id, user_id);
    const store::ProcedureSchedule& procedure = parties->procedure;
    const store::Office& office = parties->office;
    const std::optional<store::User>& user = parties->user;
    // Refused at this office after repeated no-shows (leaflet §6(4)): by the account's 求職番号 or the one typed.
    ensure_online_booking_allowed(t, office, user->job_seeker_number, now);
    if (form.job_seeker_number != user->job_seeker_number) {
      ensure_online_booking_allowed(t, office, form.job_seeker_number, now);
    }
    const domain::Date applied_on = domain::jst_date_of(now);
    store::ReservationRow row;
    row.number = domain::reservation_number(applied_on, store::next_reservation_sequence(t, domain::to_compact(applied_on)));
    row.user_id = user_id;
    row.procedure_id = procedure.id;
    row.slot_id = hold.slot_id;
    copy_details(form, row);
    row.applied_at = now;
    if (terms) row.terms_version_id = terms->id;
    row.terms_agreed_at = agreed_before ? *hold.agreed_at : now;
    result.reservation_id = store::insert_reservation(t, row);
    result.number = row.number;
    result.slot = slot_view_of(record->at);
    store::insert_history(t, result.reservation_id, "apply", now, {user_id, std::nullopt}, "");
    store::delete_booking_draft(t, user_id, procedure.id);
    enqueue_mail(t, "reservation_confirmed", recipients_of(*user),
                 {{"family_name", form.family_name},
                  {"given_name", form.given_name},
                  {"number", row.number},
                  {"procedure_title", procedure.title},
                  {"facility_name", result.slot.facility},
                  {"frame_name", result.slot.frame},
                  {"date_text", domain::japanese_date(result.slot.date)},
                  {"time_text", domain::japanese_time_range(result.slot.start_minute, result.slot.end_minute)},
                  {"office_name", office.name},
                  {"office_phone", domain::call_number(office)},
                  {"has_account", true},
                  {"lookup_link", links.reservations()}},
                 now, mail_language_of(*user));
    store::append_audit(t, {now, "user", user_id, "reservation.created", "reservation", row.number, office.id, client.ip, ""});
    complete_idempotency(t, user_id, reservation_operation, idempotency, row.number);
  });
  if (lapsed_procedure) throw HoldLapsedError(lapsed_message, *lapsed_procedure);
  return result;
}

CompletedBooking completed_booking(db::Connection& c, const Principal& principal, const std::string& number) {
  auto record = db::in_transaction(c, false, [&](db::Connection& t) {
    return store::find_reservation(t, number, scope_of(principal));
  });
  if (!record) throw NotFoundError("指定された予約はありません。");
  return {record->reservation.number, record->procedure, slot_view_of(record->at)};
}

}  // namespace yoyaku::services
