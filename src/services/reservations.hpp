#pragma once
// After booking (manual 1.2–1.4, 2.1): 予約内容照会, 予約詳細 with 処理履歴,
// 修正 (予約変更), 取下げ, and the meeting on the day. A user only ever sees
// their own reservations: another number is "not found".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/booking.hpp"
#include "store/booking_store.hpp"
#include "store/store.hpp"

namespace yoyaku::services {

constexpr std::size_t withdrawal_reason_max = 2000;

struct HistoryView {
  std::string action;       // apply / modify / withdraw …
  std::string action_text;  // 申込 / 修正 / 取下げ
  std::int64_t at = 0;
  std::string detail;
};

struct ReservationView {
  store::ReservationRow row;
  store::Procedure procedure;
  store::Office office;
  SlotView slot;
  std::vector<std::string> topic_labels;
  std::vector<HistoryView> history;
  std::string status_text;  // 予約完了 / 取下げ / 面談済み / 不参加
  std::int64_t change_deadline = 0;
  bool can_modify = false;
  bool can_withdraw = false;
  bool same_day = false;
  bool meeting_link_open = false;
  std::int64_t meeting_link_opens_at = 0;
};

std::string status_text(const std::string& status);

// The user's reservation with this number (nullopt for anyone else's).
std::optional<ReservationView> own_reservation(db::Connection& c, std::int64_t user_id, const std::string& number,
                                               std::int64_t now);

struct ReservationSearch {
  std::string number;
  std::string procedure_text;
  std::optional<domain::Date> applied_on;  // JST date
  bool oldest_first = false;
  int page = 1;
  int per_page = 20;
};

struct ReservationPage {
  std::int64_t total = 0;
  int page = 1;
  int pages = 1;
  int per_page = 20;
  std::vector<ReservationView> items;
};

ReservationPage search_reservations(db::Connection& c, std::int64_t user_id, const ReservationSearch& search,
                                    std::int64_t now);

struct ModifyForm {
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::vector<std::string> topics;
  std::string staff_note;
  std::string hold_id;  // a live hold on a new date/time, or ""
};

struct ModifyPreview {
  ReservationForm clean;
  std::optional<HoldView> new_slot;
};

struct DeadlinePassedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Checks a change (fields, deadline, the new hold) without making it.
ModifyPreview preview_modification(db::Connection& c, const store::User& user, const ReservationView& reservation,
                                   const ModifyForm& form, std::int64_t now);
// 「修正する」: one transaction. With a new hold, the reservation moves to its
// seat and the old seat is given back; if anything fails nothing changes.
// Records 修正 in the history and mails the change. Throws ValidationError,
// DeadlinePassedError, HoldLapsedError, NotFoundError.
void modify_reservation(db::Connection& c, const store::User& user, const std::string& number,
                        const ModifyForm& form, const std::string& base_url, std::int64_t now);

// Checks the 取消事由 (1–2,000 characters as the user counts them).
std::string validate_withdrawal_reason(const std::string& reason);
// 「取下げる」: status 取下げ, the seat is free at once, history and mail.
// Throws ValidationError, DeadlinePassedError (same day: by phone only), NotFoundError.
void withdraw_reservation(db::Connection& c, const store::User& user, const std::string& number,
                          const std::string& reason, const std::string& base_url, std::int64_t now);

// An iCalendar file for the booking (Asia/Tokyo; CANCELLED once withdrawn).
std::string reservation_ics(const ReservationView& reservation, const std::string& base_url, std::int64_t now);

// The office's phone for "please call", or the help desk's.
std::string phone_for(const store::Office& office);

}  // namespace yoyaku::services
