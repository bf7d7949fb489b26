// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/proberesult.h"

using namespace Qt::StringLiterals;

namespace ph {

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return u"pass"_s;
    case Verdict::Warn:
        return u"warn"_s;
    case Verdict::Fail:
        return u"fail"_s;
    case Verdict::Down:
        return u"down"_s;
    case Verdict::Stale:
        return u"stale"_s;
    case Verdict::Unknown:
        break;
    }
    return u"unknown"_s;
}

} // namespace ph
