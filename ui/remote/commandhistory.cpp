// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/remote/commandhistory.h"

#include <QSettings>

#include <algorithm>

namespace ph {

CommandHistory::CommandHistory(QString settingsKey, int limit)
    : m_settingsKey(std::move(settingsKey))
    , m_limit(std::max(1, limit))
{
    load();
}

void CommandHistory::load()
{
    if (m_settingsKey.isEmpty())
        return;
    const QStringList stored = QSettings().value(m_settingsKey).toStringList();
    // A hand-edited or older settings file may break the rules; apply them on the way in.
    for (const QString &entry : stored) {
        const QString command = entry.trimmed();
        if (!command.isEmpty() && (m_entries.isEmpty() || m_entries.last() != command))
            m_entries.append(command);
    }
    if (m_entries.size() > m_limit)
        m_entries = m_entries.mid(m_entries.size() - m_limit);
}

void CommandHistory::save() const
{
    if (!m_settingsKey.isEmpty())
        QSettings().setValue(m_settingsKey, m_entries);
}

void CommandHistory::add(const QString &command)
{
    resetBrowsing();
    const QString trimmed = command.trimmed();
    if (trimmed.isEmpty() || (!m_entries.isEmpty() && m_entries.last() == trimmed))
        return;
    m_entries.append(trimmed);
    if (m_entries.size() > m_limit)
        m_entries.remove(0, m_entries.size() - m_limit);
    save();
}

QString CommandHistory::older(const QString &draft)
{
    if (m_entries.isEmpty())
        return draft;
    if (m_position < 0) {
        m_draft = draft;
        m_position = m_entries.size();
    }
    if (m_position > 0)
        --m_position;
    return m_entries.at(m_position);
}

QString CommandHistory::newer()
{
    if (m_position < 0)
        return m_draft;
    ++m_position;
    if (m_position >= m_entries.size()) {
        m_position = -1;
        return m_draft;
    }
    return m_entries.at(m_position);
}

void CommandHistory::resetBrowsing()
{
    m_position = -1;
    m_draft.clear();
}

} // namespace ph
