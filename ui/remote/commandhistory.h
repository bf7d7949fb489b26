// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace ph {

/**
 * The commands typed into the Remote view, newest last: bounded, without the same command
 * twice in a row, kept in QSettings across runs. Walking it with older()/newer() keeps
 * the line being typed, so going past the newest entry gives it back.
 */
class CommandHistory
{
public:
    static constexpr int kDefaultLimit = 200;

    /// @p settingsKey: where the list lives in QSettings; empty = not persisted.
    explicit CommandHistory(QString settingsKey = {}, int limit = kDefaultLimit);

    QStringList entries() const { return m_entries; }
    int limit() const { return m_limit; }
    /// Appends @p command (trimmed; blank ones are ignored), saves, and ends any walk.
    void add(const QString &command);
    /// The entry before the current one; @p draft is the text being typed when a walk
    /// starts. Stays on the oldest entry at the start.
    QString older(const QString &draft);
    /// The entry after the current one, or the draft after the newest.
    QString newer();
    /// True while older()/newer() are walking the entries.
    bool isBrowsing() const { return m_position >= 0; }
    void resetBrowsing();

private:
    void load();
    void save() const;

    QString m_settingsKey;
    int m_limit;
    QStringList m_entries;
    qsizetype m_position = -1; ///< index into m_entries while browsing
    QString m_draft;
};

} // namespace ph
