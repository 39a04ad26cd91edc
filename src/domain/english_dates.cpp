#include "domain/english_dates.hpp"

#include <regex>

#include "domain/dates.hpp"

namespace yoyaku::domain {
namespace {

constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string hh_mm(const std::string& hour, const std::string& minute) { return hour + ":" + minute; }

}  // namespace

std::string english_dates_in(std::string_view text) {
  // Most texts hold no date or time: no regex for them.
  if (text.find("年") == std::string_view::npos && text.find("時") == std::string_view::npos) return std::string(text);
  static const std::regex pattern(
      "(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:\\((?:日|月|火|水|木|金|土)\\))?( ?)(?=(\\d{1,2}時\\d{2}分)?)"
      "|(\\d{1,2})時(\\d{2})分(?:～(\\d{1,2})時(\\d{2})分)?");
  std::string in(text);
  std::string out;
  auto last = in.cbegin();
  for (std::sregex_iterator it(in.begin(), in.end(), pattern), end; it != end; ++it) {
    const std::smatch& m = *it;
    out.append(last, m[0].first);
    last = m[0].second;
    if (m[1].matched) {
      const int y = std::stoi(m[1]);
      const unsigned mo = static_cast<unsigned>(std::stoi(m[2]));
      const unsigned d = static_cast<unsigned>(std::stoi(m[3]));
      const Date date{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}};
      if (!date.ok()) {
        out.append(m[0].first, m[0].second);
        continue;
      }
      const bool with_weekday = m[0].str().find('(') != std::string::npos;
      if (with_weekday) {
        out += weekdays[std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding()];
        out += ' ';
      }
      out += std::to_string(d) + " " + months[mo - 1] + " " + std::to_string(y);
      if (m[5].matched) {
        out += ", ";  // a time follows, with or without a space
      } else {
        out += m[4].str();  // the space before other text
      }
    } else if (m[8].matched) {
      out += hh_mm(m[6], m[7]) + "–" + hh_mm(m[8], m[9]) + " JST";
    } else {
      out += hh_mm(m[6], m[7]);
    }
  }
  out.append(last, in.cend());
  return out;
}

}  // namespace yoyaku::domain
