// The simulated counter's fixed instrument list and small helpers shared by its trader and md libraries.
#pragma once
#include <cstdio>
#include <iconv.h>
#include <cstring>
#include <ctime>
#include <string>

#include "ctp_api.h"

struct SimInstrument {
  const char* id;
  const char* exchange;
  const char* name;
  const char* product;
  char productClass;   // THOST_FTDC_PC_*
  int multiple;
  double tick;
  double reference;    // starting price; also the centre of the +-10% limit band
  const char* underlying;
  char optionsType;    // THOST_FTDC_CP_* or 0
  double strike;
};

// One or two per exchange, an option per option-bearing exchange, a combination and one product class the
// gateway must skip (EFP), so every mapping branch is reachable.
inline const SimInstrument SIM_INSTRUMENTS[] = {
  {"rb2601", "SHFE", "螺纹钢2601", "rb", THOST_FTDC_PC_Futures, 10, 1, 3500, "", 0, 0},
  {"au2602", "SHFE", "黄金2602", "au", THOST_FTDC_PC_Futures, 1000, 0.02, 560, "", 0, 0},
  {"sc2601", "INE", "原油2601", "sc", THOST_FTDC_PC_Futures, 1000, 0.1, 480, "", 0, 0},
  {"IF2512", "CFFEX", "沪深300指数2512", "IF", THOST_FTDC_PC_Futures, 300, 0.2, 3900, "", 0, 0},
  {"m2601", "DCE", "豆粕2601", "m", THOST_FTDC_PC_Futures, 10, 1, 3000, "", 0, 0},
  {"SR601", "CZCE", "白糖601", "SR", THOST_FTDC_PC_Futures, 10, 1, 5600, "", 0, 0},
  {"lc2601", "GFEX", "碳酸锂2601", "lc", THOST_FTDC_PC_Futures, 1, 20, 80000, "", 0, 0},
  {"IO2512-C-4000", "CFFEX", "沪深300看涨4000", "IO", THOST_FTDC_PC_Options, 100, 0.2, 50, "IF2512", THOST_FTDC_CP_CallOptions, 4000},
  {"SR601P5500", "CZCE", "白糖看跌5500", "SRP", THOST_FTDC_PC_Options, 10, 0.5, 80, "SR601", THOST_FTDC_CP_PutOptions, 5500},
  {"SP m2601&m2605", "DCE", "豆粕跨期", "m_o", THOST_FTDC_PC_Combination, 10, 1, 20, "", 0, 0},
  {"m2601-EFP", "DCE", "豆粕期转现", "m_efp", THOST_FTDC_PC_EFP, 10, 1, 3000, "", 0, 0},
};

inline const SimInstrument* findSimInstrument(const char* id) {
  for (const auto& i : SIM_INSTRUMENTS) if (std::strcmp(i.id, id) == 0) return &i;
  return nullptr;
}

// Bounded copy into a CTP fixed char array (always NUL-terminated).
template <size_t N>
inline void put(char (&dst)[N], const char* src) { std::snprintf(dst, N, "%s", src ? src : ""); }

// Real fronts send Chinese text in GBK; so does the simulated one, so the decoding path is exercised.
template <size_t N>
inline void putGbk(char (&dst)[N], const char* utf8) {
  std::memset(dst, 0, N);
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == (iconv_t)-1) { put(dst, utf8); return; }
  char* in = const_cast<char*>(utf8);
  size_t inLeft = std::strlen(utf8), outLeft = N - 1;
  char* out = dst;
  iconv(cd, &in, &inLeft, &out, &outLeft);
  iconv_close(cd);
}

// CTP dates and times are China time (UTC+8, no daylight saving) whatever the machine's zone.
inline std::tm localNow() {
  std::time_t t = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

inline std::string today() {
  std::tm tm = localNow();
  char buf[9];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

inline std::string clockTime() {
  std::tm tm = localNow();
  char buf[9];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

inline void rspOk(CThostFtdcRspInfoField& r) { std::memset(&r, 0, sizeof r); putGbk(r.ErrorMsg, "CTP:正确"); }

inline void rspError(CThostFtdcRspInfoField& r, int id, const char* msg) {
  std::memset(&r, 0, sizeof r);
  r.ErrorID = id;
  putGbk(r.ErrorMsg, msg);
}

#define SIM_EXPORT extern "C" __attribute__((visibility("default")))
