// SPDX-License-Identifier: GPL-3.0-or-later
// Hooks for tests/bench/startup, inert unless its environment variables are set.
#include "app/pilothouse/benchhooks.h"

#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"

#include <QEvent>
#include <QFile>
#include <QTableView>

#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Hooks for tests/bench/startup, inert unless its environment variables are set.
// Milliseconds since exec(), from the start time the kernel keeps in /proc/self/stat
// (clock ticks since boot, so ~10 ms resolution); -1 when it cannot be read.
qint64 msSinceExec()
{
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name may hold spaces and parentheses: fields count from the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    constexpr int StartTimeField = 22 - 3; // field 22 of stat(5); fields 1-2 are cut off
    if (fields.size() <= StartTimeField)
        return -1;
    const double startS = fields.at(StartTimeField).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64((double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startS) * 1000.0);
}

// Reports once, when the Health table paints while some row already holds a result:
// the moment a user first sees a check's outcome.
class FirstRowsWatch : public QObject
{
public:
    FirstRowsWatch(ph::HealthView *view, const QElapsedTimer &sinceMain)
        : QObject(view)
        , m_view(view)
        , m_sinceMain(sinceMain)
    {
        m_view->table()->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && hasResult()) {
            std::fprintf(stderr, "pilothouse-bench: first-rows exec_ms=%lld main_ms=%lld\n",
                         static_cast<long long>(msSinceExec()),
                         static_cast<long long>(m_sinceMain.elapsed()));
            watched->removeEventFilter(this);
        }
        return false;
    }

private:
    bool hasResult() const
    {
        const ph::HealthModel *model = m_view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->rowAt(row).last.verdict != ph::Verdict::Unknown)
                return true;
        }
        return false;
    }

    ph::HealthView *m_view;
    QElapsedTimer m_sinceMain;
};

void printResidentSet(qint64 afterMs)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            std::fprintf(stderr, "pilothouse-bench: rss_kb=%lld after_ms=%lld\n",
                         line.mid(6).trimmed().split(' ').value(0).toLongLong(),
                         static_cast<long long>(afterMs));
        }
    }
}

} // namespace

namespace ph {

void installFirstRowsWatch(HealthView *view, const QElapsedTimer &sinceMain)
{
    new FirstRowsWatch(view, sinceMain);
}

void reportResidentSet(qint64 afterMs)
{
    printResidentSet(afterMs);
}

} // namespace ph
