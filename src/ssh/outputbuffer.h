// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace ph {

/**
 * Keeps the newest bytes of a command's output up to a fixed capacity and counts all
 * bytes seen, so a chatty command cannot exhaust memory while its tail stays readable.
 */
class OutputBuffer
{
public:
    explicit OutputBuffer(qsizetype capacity = 1024 * 1024);

    void append(const char *data, qsizetype size);
    void append(const QByteArray &data) { append(data.constData(), data.size()); }
    /// The newest bytes, oldest first; at most capacity() of them.
    QByteArray tail() const;
    qsizetype capacity() const { return m_capacity; }
    /// Every byte appended so far, including those no longer kept.
    qint64 totalBytes() const { return m_total; }
    bool isTruncated() const { return m_total > m_capacity; }

private:
    QByteArray m_ring;
    qsizetype m_capacity;
    qsizetype m_head = 0; ///< next write position once the ring is full
    qint64 m_total = 0;
};

} // namespace ph
