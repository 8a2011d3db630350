#include "parallax/write/value_text.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "parallax/core/datetime.h"

namespace parallax::text {

namespace {

const char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline char* two_digits(char* out, unsigned v) {
  std::memcpy(out, kDigitPairs + 2 * v, 2);
  return out + 2;
}

// ---- Grisu2, exactly as rapidjson's internal/dtoa.h (the engine's JSON float
// text). Grisu2 is not always shortest nor closest, which is why std::to_chars
// cannot stand in for it here.

struct DiyFp {
  uint64_t f;
  int e;
};

constexpr int kDpSignificandSize = 52;
constexpr int kDpExponentBias = 0x3FF + kDpSignificandSize;
constexpr uint64_t kDpExponentMask = 0x7FF0000000000000ull;
constexpr uint64_t kDpSignificandMask = 0x000FFFFFFFFFFFFFull;
constexpr uint64_t kDpHiddenBit = 0x0010000000000000ull;

// 10^k for k = -348, -340, ..., 340: 64-bit significands rounded to nearest,
// with their binary exponents (the standard Grisu table).
const uint64_t kCachedPowersF[87] = {
    0xfa8fd5a0081c0288ull, 0xbaaee17fa23ebf76ull, 0x8b16fb203055ac76ull,
    0xcf42894a5dce35eaull, 0x9a6bb0aa55653b2dull, 0xe61acf033d1a45dfull,
    0xab70fe17c79ac6caull, 0xff77b1fcbebcdc4full, 0xbe5691ef416bd60cull,
    0x8dd01fad907ffc3cull, 0xd3515c2831559a83ull, 0x9d71ac8fada6c9b5ull,
    0xea9c227723ee8bcbull, 0xaecc49914078536dull, 0x823c12795db6ce57ull,
    0xc21094364dfb5637ull, 0x9096ea6f3848984full, 0xd77485cb25823ac7ull,
    0xa086cfcd97bf97f4ull, 0xef340a98172aace5ull, 0xb23867fb2a35b28eull,
    0x84c8d4dfd2c63f3bull, 0xc5dd44271ad3cdbaull, 0x936b9fcebb25c996ull,
    0xdbac6c247d62a584ull, 0xa3ab66580d5fdaf6ull, 0xf3e2f893dec3f126ull,
    0xb5b5ada8aaff80b8ull, 0x87625f056c7c4a8bull, 0xc9bcff6034c13053ull,
    0x964e858c91ba2655ull, 0xdff9772470297ebdull, 0xa6dfbd9fb8e5b88full,
    0xf8a95fcf88747d94ull, 0xb94470938fa89bcfull, 0x8a08f0f8bf0f156bull,
    0xcdb02555653131b6ull, 0x993fe2c6d07b7facull, 0xe45c10c42a2b3b06ull,
    0xaa242499697392d3ull, 0xfd87b5f28300ca0eull, 0xbce5086492111aebull,
    0x8cbccc096f5088ccull, 0xd1b71758e219652cull, 0x9c40000000000000ull,
    0xe8d4a51000000000ull, 0xad78ebc5ac620000ull, 0x813f3978f8940984ull,
    0xc097ce7bc90715b3ull, 0x8f7e32ce7bea5c70ull, 0xd5d238a4abe98068ull,
    0x9f4f2726179a2245ull, 0xed63a231d4c4fb27ull, 0xb0de65388cc8ada8ull,
    0x83c7088e1aab65dbull, 0xc45d1df942711d9aull, 0x924d692ca61be758ull,
    0xda01ee641a708deaull, 0xa26da3999aef774aull, 0xf209787bb47d6b85ull,
    0xb454e4a179dd1877ull, 0x865b86925b9bc5c2ull, 0xc83553c5c8965d3dull,
    0x952ab45cfa97a0b3ull, 0xde469fbd99a05fe3ull, 0xa59bc234db398c25ull,
    0xf6c69a72a3989f5cull, 0xb7dcbf5354e9beceull, 0x88fcf317f22241e2ull,
    0xcc20ce9bd35c78a5ull, 0x98165af37b2153dfull, 0xe2a0b5dc971f303aull,
    0xa8d9d1535ce3b396ull, 0xfb9b7cd9a4a7443cull, 0xbb764c4ca7a44410ull,
    0x8bab8eefb6409c1aull, 0xd01fef10a657842cull, 0x9b10a4e5e9913129ull,
    0xe7109bfba19c0c9dull, 0xac2820d9623bf429ull, 0x80444b5e7aa7cf85ull,
    0xbf21e44003acdd2dull, 0x8e679c2f5e44ff8full, 0xd433179d9c8cb841ull,
    0x9e19db92b4e31ba9ull, 0xeb96bf6ebadf77d9ull, 0xaf87023b9bf0ee6bull,
};
const int16_t kCachedPowersE[87] = {
    -1220, -1193, -1166, -1140, -1113, -1087, -1060, -1034, -1007, -980, -954,
    -927, -901, -874, -847, -821, -794, -768, -741, -715, -688, -661,
    -635, -608, -582, -555, -529, -502, -475, -449, -422, -396, -369,
    -343, -316, -289, -263, -236, -210, -183, -157, -130, -103, -77,
    -50, -24, 3, 30, 56, 83, 109, 136, 162, 189, 216,
    242, 269, 295, 322, 348, 375, 402, 428, 455, 481, 508,
    534, 561, 588, 614, 641, 667, 694, 720, 747, 774, 800,
    827, 853, 880, 907, 933, 960, 986, 1013, 1039, 1066,
};

DiyFp diy_from_double(double d) {
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  int biased_e = int((u & kDpExponentMask) >> kDpSignificandSize);
  uint64_t significand = u & kDpSignificandMask;
  if (biased_e != 0) return {significand + kDpHiddenBit, biased_e - kDpExponentBias};
  return {significand, -kDpExponentBias + 1};
}

DiyFp mul(DiyFp a, DiyFp b) {
  unsigned __int128 p = static_cast<unsigned __int128>(a.f) * b.f;
  uint64_t h = uint64_t(p >> 64);
  if (uint64_t(p) & (1ull << 63)) ++h;  // round
  return {h, a.e + b.e + 64};
}

DiyFp normalize(DiyFp v) {
  int s = __builtin_clzll(v.f);
  return {v.f << s, v.e - s};
}

DiyFp normalize_boundary(DiyFp v) {
  while (!(v.f & (kDpHiddenBit << 1))) {
    v.f <<= 1;
    v.e--;
  }
  v.f <<= (64 - kDpSignificandSize - 2);
  v.e -= (64 - kDpSignificandSize - 2);
  return v;
}

void normalized_boundaries(DiyFp v, DiyFp* minus, DiyFp* plus) {
  DiyFp pl = normalize_boundary({(v.f << 1) + 1, v.e - 1});
  DiyFp mi = v.f == kDpHiddenBit ? DiyFp{(v.f << 2) - 1, v.e - 2} : DiyFp{(v.f << 1) - 1, v.e - 1};
  mi.f <<= mi.e - pl.e;
  mi.e = pl.e;
  *plus = pl;
  *minus = mi;
}

DiyFp cached_power(int e, int* K) {
  double dk = (-61 - e) * 0.30102999566398114 + 347;  // dk is positive: ceil by hand
  int k = int(dk);
  if (dk - k > 0.0) k++;
  unsigned index = unsigned((k >> 3) + 1);
  *K = -(-348 + int(index << 3));
  return {kCachedPowersF[index], kCachedPowersE[index]};
}

void grisu_round(char* buffer, int len, uint64_t delta, uint64_t rest, uint64_t ten_kappa, uint64_t wp_w) {
  while (rest < wp_w && delta - rest >= ten_kappa &&
         (rest + ten_kappa < wp_w || wp_w - rest > rest + ten_kappa - wp_w)) {
    buffer[len - 1]--;
    rest += ten_kappa;
  }
}

int count_decimal_digit32(uint32_t n) {
  if (n < 10) return 1;
  if (n < 100) return 2;
  if (n < 1000) return 3;
  if (n < 10000) return 4;
  if (n < 100000) return 5;
  if (n < 1000000) return 6;
  if (n < 10000000) return 7;
  if (n < 100000000) return 8;
  return 9;  // DigitGen never sees 10 digits
}

const uint64_t kPow10[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
                             10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
                             100000000000ull, 1000000000000ull, 10000000000000ull,
                             100000000000000ull, 1000000000000000ull, 10000000000000000ull,
                             100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull};

void digit_gen(DiyFp W, DiyFp Mp, uint64_t delta, char* buffer, int* len, int* K) {
  const DiyFp one{uint64_t(1) << -Mp.e, Mp.e};
  const uint64_t wp_w = Mp.f - W.f;
  uint32_t p1 = uint32_t(Mp.f >> -one.e);
  uint64_t p2 = Mp.f & (one.f - 1);
  int kappa = count_decimal_digit32(p1);
  *len = 0;
  while (kappa > 0) {
    uint32_t d = 0;
    switch (kappa) {  // constant divisors: multiplications, not divisions
      case 9: d = p1 / 100000000; p1 %= 100000000; break;
      case 8: d = p1 / 10000000; p1 %= 10000000; break;
      case 7: d = p1 / 1000000; p1 %= 1000000; break;
      case 6: d = p1 / 100000; p1 %= 100000; break;
      case 5: d = p1 / 10000; p1 %= 10000; break;
      case 4: d = p1 / 1000; p1 %= 1000; break;
      case 3: d = p1 / 100; p1 %= 100; break;
      case 2: d = p1 / 10; p1 %= 10; break;
      case 1: d = p1; p1 = 0; break;
      default: break;
    }
    if (d || *len) buffer[(*len)++] = char('0' + d);
    kappa--;
    uint64_t tmp = (uint64_t(p1) << -one.e) + p2;
    if (tmp <= delta) {
      *K += kappa;
      grisu_round(buffer, *len, delta, tmp, kPow10[kappa] << -one.e, wp_w);
      return;
    }
  }
  for (;;) {  // kappa <= 0
    p2 *= 10;
    delta *= 10;
    char d = char(p2 >> -one.e);
    if (d || *len) buffer[(*len)++] = char('0' + d);
    p2 &= one.f - 1;
    kappa--;
    if (p2 < delta) {
      *K += kappa;
      int index = -kappa;
      grisu_round(buffer, *len, delta, p2, one.f, wp_w * (index < 20 ? kPow10[index] : 0));
      return;
    }
  }
}

void grisu2(double value, char* buffer, int* length, int* K) {
  const DiyFp v = diy_from_double(value);
  DiyFp w_m, w_p;
  normalized_boundaries(v, &w_m, &w_p);
  const DiyFp c_mk = cached_power(w_p.e, K);
  const DiyFp W = mul(normalize(v), c_mk);
  DiyFp Wp = mul(w_p, c_mk);
  DiyFp Wm = mul(w_m, c_mk);
  Wm.f++;
  Wp.f--;
  digit_gen(W, Wp, Wp.f - Wm.f, buffer, length, K);
}

char* write_exponent(int K, char* out) {
  if (K < 0) {
    *out++ = '-';
    K = -K;
  }
  if (K >= 100) {
    *out++ = char('0' + K / 100);
    return two_digits(out, unsigned(K % 100));
  }
  if (K >= 10) return two_digits(out, unsigned(K));
  *out++ = char('0' + K);
  return out;
}

// rapidjson's Prettify with maxDecimalPlaces = 324 (its default), whose
// truncating branches can then never run and are left out.
char* prettify(char* buffer, int length, int k) {
  const int kk = length + k;  // 10^(kk-1) <= v < 10^kk
  if (0 <= k && kk <= 21) {   // 1234e7 -> 12340000000.0
    for (int i = length; i < kk; i++) buffer[i] = '0';
    buffer[kk] = '.';
    buffer[kk + 1] = '0';
    return &buffer[kk + 2];
  }
  if (0 < kk && kk <= 21) {  // 1234e-2 -> 12.34
    std::memmove(&buffer[kk + 1], &buffer[kk], size_t(length - kk));
    buffer[kk] = '.';
    return &buffer[length + 1];
  }
  if (-6 < kk && kk <= 0) {  // 1234e-6 -> 0.001234
    const int offset = 2 - kk;
    std::memmove(&buffer[offset], &buffer[0], size_t(length));
    buffer[0] = '0';
    buffer[1] = '.';
    for (int i = 2; i < offset; i++) buffer[i] = '0';
    return &buffer[length + offset];
  }
  if (length == 1) {  // 1e30
    buffer[1] = 'e';
    return write_exponent(kk - 1, &buffer[2]);
  }
  // 1234e30 -> 1.234e33
  std::memmove(&buffer[2], &buffer[1], size_t(length - 1));
  buffer[1] = '.';
  buffer[length + 1] = 'e';
  return write_exponent(kk - 1, &buffer[length + 2]);
}

char* append_zeros(char* out, int n) {
  for (int i = 0; i < n; ++i) *out++ = '0';
  return out;
}

}  // namespace

char* json_double(char* out, double v) {
  if (v == 0) {
    if (std::signbit(v)) *out++ = '-';
    std::memcpy(out, "0.0", 3);
    return out + 3;
  }
  if (v < 0) {
    *out++ = '-';
    v = -v;
  }
  int length, K;
  grisu2(v, out, &length, &K);
  return prettify(out, length, K);
}

char* csv_double(char* out, double v) {
  if (std::isnan(v)) {
    std::memcpy(out, "nan", 3);
    return out + 3;
  }
  if (std::signbit(v)) *out++ = '-';
  v = std::fabs(v);
  if (std::isinf(v)) {
    std::memcpy(out, "inf", 3);
    return out + 3;
  }
  if (v == 0) {
    *out++ = '0';
    return out;
  }
  // Shortest round-trip digits (the same digits as double-conversion's
  // shortest mode), then double-conversion's layout.
  char sci[32];
  char* end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
  char digits[20];
  int n = 0;
  const char* p = sci;
  for (; p < end && *p != 'e'; ++p)
    if (*p != '.') digits[n++] = *p;
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exp);
  if (exp < -6 || exp >= 10) {  // exponential: d[.ddd]e±x
    *out++ = digits[0];
    if (n > 1) {
      *out++ = '.';
      std::memcpy(out, digits + 1, size_t(n - 1));
      out += n - 1;
    }
    *out++ = 'e';
    if (exp < 0) {
      *out++ = '-';
      exp = -exp;
    } else {
      *out++ = '+';
    }
    return int_text(out, exp);
  }
  const int point = exp + 1;  // digits before the decimal point
  if (point <= 0) {
    *out++ = '0';
    *out++ = '.';
    out = append_zeros(out, -point);
    std::memcpy(out, digits, size_t(n));
    return out + n;
  }
  if (point >= n) {
    std::memcpy(out, digits, size_t(n));
    return append_zeros(out + n, point - n);
  }
  std::memcpy(out, digits, size_t(point));
  out += point;
  *out++ = '.';
  std::memcpy(out, digits + point, size_t(n - point));
  return out + (n - point);
}

char* int_text(char* out, int64_t v) {
  uint64_t u = uint64_t(v);
  if (v < 0) {
    *out++ = '-';
    u = ~u + 1;
  }
  int digits = 1;
  while (digits < 20 && u >= kPow10[digits]) ++digits;
  char* end = out + digits;
  char* p = end;
  while (u >= 100) {
    p -= 2;
    std::memcpy(p, kDigitPairs + 2 * (u % 100), 2);
    u /= 100;
  }
  if (u >= 10) std::memcpy(p - 2, kDigitPairs + 2 * u, 2);
  else p[-1] = char('0' + u);
  return end;
}

char* date_text(char* out, int64_t days) {
  CivilDate64 c = civil_from_days64(days);
  int64_t y = c.year;
  if (y < 0) {
    *out++ = '-';
    y = -y;
  }
  if (y >= 10000) {
    out = int_text(out, y);
  } else {
    out = two_digits(out, unsigned(y / 100));
    out = two_digits(out, unsigned(y % 100));
  }
  *out++ = '-';
  out = two_digits(out, c.month);
  *out++ = '-';
  return two_digits(out, c.day);
}

char* datetime_text(char* out, int64_t ms) {
  int64_t days = days_from_ms(ms);  // any int64: the day of 9.2e18 ms is year ~292 million
  int64_t rem = ms_of_day(ms);
  out = date_text(out, days);
  *out++ = ' ';
  out = two_digits(out, unsigned(rem / 3600000));
  *out++ = ':';
  out = two_digits(out, unsigned(rem / 60000 % 60));
  *out++ = ':';
  out = two_digits(out, unsigned(rem / 1000 % 60));
  *out++ = '.';
  unsigned frac = unsigned(rem % 1000);
  *out++ = char('0' + frac / 100);
  return two_digits(out, frac % 100);
}

}  // namespace parallax::text
