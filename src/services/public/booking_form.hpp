#pragma once
// Filling in a booking (manual 1.1 STEP5–7): the form's values (kept as a
// draft per user and procedure, so nothing typed is lost to a lapsed hold or
// a trip back to the calendar), 「確認へ進む」, 「申込み」 with the reservation
// number and the mail, and the 予約完了 page's data.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/booking.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {

struct ReservationForm {
  std::string hold_id;
  bool agreed_to_terms = false;
  // The 利用規約 version the client showed (API "terms_version_id"); when it is
  // no longer the one in force the booking is refused ("terms_changed").
  std::optional<std::int64_t> terms_version_id;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::vector<std::string> topics;  // codes: consultation, interview_practice, document_review, other
  std::string staff_note;
};

// A booking's values as the booking form holds them.
ReservationForm form_of(const store::ReservationRow& row);

// Checks and normalises the STEP5 fields; throws ValidationError.
ReservationForm validate_reservation_form(const ReservationForm& form);

// STEP5's first values: what the job seeker last typed for this procedure,
// else their profile (氏名・求職番号・連絡先電話番号).
ReservationForm booking_form_values(db::Connection& c, const Principal& principal, std::int64_t procedure_id);
// What the job seeker last typed for this procedure and has not booked yet, if anything.
std::optional<ReservationForm> kept_booking_form(db::Connection& c, const Principal& principal,
                                                 std::int64_t procedure_id);
// 「過去の申込から入力値を自動設定する」: the values of the latest booking, if any.
std::optional<ReservationForm> previous_application(db::Connection& c, const Principal& principal);
// Keeps what was typed (「変更する」, 再申込する).
void keep_booking_form(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                       const ReservationForm& form, std::int64_t now);

// 「確認へ進む」: keeps what was typed, then checks it; returns the clean values
// (kept too). Throws ValidationError, HoldLapsedError.
ReservationForm review_booking_form(db::Connection& c, const Principal& principal, const ReservationForm& typed,
                                    std::int64_t now);

struct ConfirmedReservation {
  std::string number;
  std::int64_t reservation_id = 0;
  SlotView slot;
  bool replayed = false;  // an earlier request with the same Idempotency-Key made it
};

// 「申込み」: turns the live hold into a reservation with the next number of
// the day and mails 「ハローワーク：予約を確定しました」, all in one
// transaction. Throws ValidationError, HoldLapsedError (the seat is released
// and what was typed is kept), NotFoundError. With an idempotency key, a
// request sent again gets the reservation the first made.
ConfirmedReservation confirm_reservation(db::Connection& c, const Principal& principal, const ReservationForm& form,
                                         const Links& links, const Client& client, std::int64_t now,
                                         const std::optional<IdempotencyKey>& idempotency = std::nullopt);

struct CompletedBooking {
  std::string number;
  Procedure procedure;
  SlotView slot;
};
// STEP7 予約完了: the caller's booking with this number. Throws NotFoundError.
CompletedBooking completed_booking(db::Connection& c, const Principal& principal, const std::string& number);

}  // namespace yoyaku::services
