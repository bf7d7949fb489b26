// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/outputbuffer.h"

#include <algorithm>
#include <cstring>

namespace ph {

OutputBuffer::OutputBuffer(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{
}

void OutputBuffer::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    m_total += size;
    if (size >= m_capacity) {
        m_ring = QByteArray(data + size - m_capacity, m_capacity);
        m_head = 0;
        return;
    }
    if (m_ring.size() + size <= m_capacity) {
        m_ring.append(data, size);
        m_head = m_ring.size() % m_capacity;
        return;
    }
    // Fill up to capacity, then overwrite the oldest bytes in place.
    const qsizetype room = m_capacity - m_ring.size();
    if (room > 0) {
        m_ring.append(data, room);
        data += room;
        size -= room;
        m_head = 0;
    }
    while (size > 0) {
        const qsizetype chunk = std::min(size, m_capacity - m_head);
        std::memcpy(m_ring.data() + m_head, data, size_t(chunk));
        m_head = (m_head + chunk) % m_capacity;
        data += chunk;
        size -= chunk;
    }
}

QByteArray OutputBuffer::tail() const
{
    if (m_ring.size() < m_capacity || m_head == 0)
        return m_ring;
    QByteArray ordered = m_ring.mid(m_head);
    ordered.append(m_ring.constData(), m_head);
    return ordered;
}

} // namespace ph
