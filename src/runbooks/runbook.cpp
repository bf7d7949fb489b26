// SPDX-License-Identifier: GPL-3.0-or-later
#include "runbooks/runbook.h"

using namespace Qt::StringLiterals;

namespace ph {

int Runbook::stepCount() const
{
    int n = 0;
    for (const RunbookSection &section : sections)
        n += int(section.steps.size());
    return n;
}

QList<Step> Runbook::allSteps() const
{
    QList<Step> steps;
    for (const RunbookSection &section : sections)
        steps += section.steps;
    return steps;
}

const Step *Runbook::step(const QString &id) const
{
    for (const RunbookSection &section : sections) {
        for (const Step &s : section.steps) {
            if (s.id == id)
                return &s;
        }
    }
    return nullptr;
}

QString stepKindName(Step::Kind kind)
{
    switch (kind) {
    case Step::Kind::Command:
        return u"command"_s;
    case Step::Kind::Http:
        return u"http"_s;
    case Step::Kind::Manual:
        break;
    }
    return u"manual"_s;
}

QString parameterTypeName(RunbookParameter::Type type)
{
    return type == RunbookParameter::Type::Secret ? u"secret"_s : u"text"_s;
}

} // namespace ph
