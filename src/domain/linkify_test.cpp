#include "domain/linkify.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

TEST(LinkifyTest, HttpAndHttpsAddressesBecomeLinksAndTheRestStaysText) {
  EXPECT_EQ(link_parts("詳しくは https://www.hellowork.mhlw.go.jp/ をご覧ください。"),
            (std::vector<TextPart>{{"詳しくは ", false}, {"https://www.hellowork.mhlw.go.jp/", true},
                                   {" をご覧ください。", false}}));
  // Japanese punctuation right after the address ends it; so does ASCII punctuation at its end.
  EXPECT_EQ(link_parts("（http://example.jp/a?b=1&c=2）。"),
            (std::vector<TextPart>{{"（", false}, {"http://example.jp/a?b=1&c=2", true}, {"）。", false}}));
  EXPECT_EQ(link_parts("See https://example.jp/x."),
            (std::vector<TextPart>{{"See ", false}, {"https://example.jp/x", true}, {".", false}}));
  EXPECT_EQ(link_parts("no links"), (std::vector<TextPart>{{"no links", false}}));
  EXPECT_EQ(link_parts("https:// alone"), (std::vector<TextPart>{{"https:// alone", false}}));
  EXPECT_TRUE(link_parts("").empty());
}

TEST(LinkifyTest, ScriptsAndMarkupComeOutInert) {
  EXPECT_EQ(linkify_html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  // Only http(s) is a link: javascript:, data: and friends stay text.
  EXPECT_EQ(linkify_html("javascript:alert(1)"), "javascript:alert(1)");
  EXPECT_EQ(linkify_html("data:text/html,<b>x</b>"), "data:text/html,&lt;b&gt;x&lt;/b&gt;");
  // A quote cannot leave the href attribute: it ends the address.
  EXPECT_EQ(linkify_html("https://a.example/\"onmouseover=\"alert(1)"),
            "<a href=\"https://a.example/\" rel=\"noopener noreferrer\">https://a.example/</a>"
            "&quot;onmouseover=&quot;alert(1)");
  EXPECT_EQ(linkify_html("<a href=\"javascript:alert(1)\">x</a>"),
            "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;");
  // An address that hides "javascript:" inside is still an https link.
  EXPECT_EQ(linkify_html("https://x.example/?javascript:1&y"),
            "<a href=\"https://x.example/?javascript:1&amp;y\" rel=\"noopener noreferrer\">"
            "https://x.example/?javascript:1&amp;y</a>");
  EXPECT_EQ(linkify_html("a & b 'c'"), "a &amp; b &#39;c&#39;");
}

}  // namespace
}  // namespace yoyaku::domain
