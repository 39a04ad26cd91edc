#pragma once
// Staff's work on one booking (leaflet ①–⑥, §6(4)): the full 予約詳細 with
// 処理履歴 and who did what; changing and withdrawing on the person's behalf
// past the online deadline and on the day (phone calls), with a reason;
// 代行入力 for a registered job seeker or a caller without an account; the
// Zoom meeting details; attendance; refusing online booking after repeated
// no-shows. Every read is bounded by the staff member's offices in the query
// (another office's booking is "not found"), and every view and change writes
// an audit row in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/meetings.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/common/standing.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/booking_form.hpp"
#include "services/public/reservations.hpp"

namespace yoyaku::services {

struct StaffReservation {
  ReservationView reservation;  // with 処理履歴 and the staff members' names
  PersonStanding standing;      // the person's no-shows and online-booking state at this office
  bool may_operate = false;     // 予約操作 at the office: the forms are for this staff member
  bool can_change = false;      // may_operate and confirmed: change or withdraw it, deadline or not
  bool can_record_attendance = false;
  std::int64_t attendance_opens_at = 0;  // 10 minutes after the start
  std::string zoom_name;                 // 求職番号＋氏名, as the person enters it in Zoom
  int terms_version = 0;                 // 利用規約 第N版 in force when booked (0: booked before versions were recorded)
};

// The booking with this number; the view is audit-logged. Throws NotFoundError.
StaffReservation staff_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                                   const Client& client, std::int64_t now);

// 代行入力's chosen time: a slot of an office the caller serves, with its seats
// left now. Throws NotFoundError; SlotUnavailableError when staff cannot book it.
SlotView slot_for_booking(db::Connection& c, const Principal& principal, const std::string& office_code,
                          const std::string& slot_id, std::int64_t now);
// The times of the booking's procedure on `date` that staff may move it to.
std::vector<SlotView> times_to_move_to(db::Connection& c, const Principal& principal, const std::string& number,
                                       domain::Date date, std::int64_t now);

// A change taken by phone or at the counter.
struct StaffChange {
  ReservationForm values;  // 氏名, 求職番号, 連絡先電話番号, ご相談内容, ハローワーク職員用項目
  std::string slot_id;     // a new time ("" keeps it): any time staff may book, deadline or not
  std::string reason;      // why (required), recorded in 処理履歴
};
// Throws ValidationError, SlotUnavailableError, NotFoundError, ConflictError (not confirmed).
void staff_modify_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                              const StaffChange& change, const Links& links, const Client& client, std::int64_t now);
// 取下げ on the person's behalf (当日キャンセルは電話のみ): any time while confirmed.
void staff_withdraw_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                                const std::string& reason, const Links& links, const Client& client,
                                std::int64_t now);

// 代行入力.
struct OnBehalfBooking {
  std::string slot_id;
  std::string channel;     // phone / counter
  std::string email;       // optional: the mail goes here (and to the account it matches)
  ReservationForm values;  // hold_id and agreed_to_terms unused
};
struct OnBehalfResult {
  std::string number;
  bool attached_to_account = false;  // 求職番号 and e-mail matched a registered job seeker
  bool mailed = false;
};
// Books a free seat for the person, with the same capacity rule and numbers as
// online, at any time staff may book (even where online booking is refused).
// The booking belongs to the account whose 求職番号 and e-mail both match;
// otherwise it waits for that person to register with them.
OnBehalfResult book_on_behalf(db::Connection& c, const Principal& principal, const OnBehalfBooking& booking,
                              const Links& links, const Client& client, std::int64_t now);

// 代行入力's lookup: verified job seekers whose 求職番号 or e-mail is exactly
// `text` (at most 5). Audit-logged. Throws ValidationError.
struct AccountMatch {
  std::string family_name, given_name, job_seeker_number, phone, email;
};
std::vector<AccountMatch> find_job_seeker_accounts(db::Connection& c, const Principal& principal,
                                                   const std::string& office_code, const std::string& text,
                                                   const Client& client, std::int64_t now);

// Saves ミーティングID, パスコード and the join URL (or generates them with the
// office's template), mails 「ハローワーク：オンライン職業相談のご案内」 and
// records it (the calendar file's SEQUENCE goes up). Throws ValidationError,
// NotFoundError, ConflictError (withdrawn).
struct MeetingInput {
  domain::MeetingFields fields;
  bool generate = false;
};
struct MeetingResult {
  std::string meeting_id, passcode, join_url;
  bool mailed = false;
};
MeetingResult set_meeting(db::Connection& c, const Principal& principal, const std::string& number,
                          const MeetingInput& input, const Links& links, const Client& client, std::int64_t now);

// 出席 ("attended") or 不参加 ("no_show"), from 10 minutes after the start;
// correcting an earlier mark needs a reason. Throws ValidationError,
// ConflictError ("too_early", withdrawn), NotFoundError.
void record_attendance(db::Connection& c, const Principal& principal, const std::string& number,
                       const std::string& status, const std::string& reason, const Client& client, std::int64_t now);

// Refuses (true) or allows (false) online booking at the booking's office for
// its person, with a reason. Throws ValidationError, NotFoundError.
void decide_online_booking(db::Connection& c, const Principal& principal, const std::string& number, bool refused,
                           const std::string& reason, const Client& client, std::int64_t now);

}  // namespace yoyaku::services
