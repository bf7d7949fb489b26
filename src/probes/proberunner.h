// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "probes/proberesult.h"
#include "probes/probesettings.h"
#include "probes/probetarget.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <deque>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace ph {

class KeyProvider;
class TunnelProvider;

/**
 * Runs checks of ProbeTargets with bounded concurrency. The engine and one-shot sweeps
 * share it, so a check is judged the same way everywhere.
 *
 * Requests are spread over a small pool of network managers, because one manager opens
 * at most 6 connections per host:port. Every request has an inactivity timeout and a
 * total deadline; bodies are read as they arrive and cut off at the size limit.
 */
class ProbeRunner : public QObject
{
    Q_OBJECT
public:
    explicit ProbeRunner(QObject *parent = nullptr);
    ~ProbeRunner() override;

    /// Takes effect for checks started afterwards (pool size only while idle).
    void setSettings(const ProbeSettings &settings);
    const ProbeSettings &settings() const { return m_settings; }
    /// Not owned; must outlive the runner or be reset to nullptr first.
    void setKeyProvider(KeyProvider *provider);
    /// Not owned; opens the tunnels of targets with a `via`. nullptr = such targets fail.
    void setTunnelProvider(TunnelProvider *provider) { m_tunnelProvider = provider; }
    void setNetworkOnline(bool online) { m_online = online; }
    bool isNetworkOnline() const { return m_online; }

    /// Replaces the targets; cancels everything queued or running (no results for those).
    void setTargets(QList<ProbeTarget> targets);
    const QList<ProbeTarget> &targets() const { return m_targets; }

    /// Queues a check of target @p index; resultReady follows exactly once.
    void enqueue(int index);
    /// Cancels queued and running checks without reporting them.
    void cancelAll();
    /// Forgets cached dashboard keys, e.g. after the user rotated one.
    void clearKeyCache() { m_keys.clear(); }

    int inFlightCount() const { return int(m_slots.size() - m_free.size()); }
    int queuedCount() const { return int(m_queue.size()); }

Q_SIGNALS:
    void resultReady(int index, const ph::ProbeResult &result);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Slot
    {
        QNetworkReply *reply = nullptr;
        int target = -1;
        QElapsedTimer clock;
        bool sent = false;
        bool keySent = false;
        bool cancelled = false;
        ProbeTransport abortReason = ProbeTransport::Answered;
        qint64 bodyBytes = 0;
        QByteArray body;
        QStringList tlsErrors;
        QBasicTimer deadline;
    };

    void pump();
    void start(int index);
    void beginRequest(int index, const QByteArray &key);
    void startRequest(int index, const QByteArray &key, quint16 tunnelPort = 0);
    void onReadyRead(int slot);
    bool drain(Slot &slot);
    void onFinished(int slot);
    void finishWithoutRequest(int index, ProbeTransport transport, const QString &detail,
                              const QString &errorCode = {});
    void keyArrived(const QString &entry, const Result<QString> &key);
    QNetworkAccessManager *nextManager();
    void emitResult(int index, const ProbeObservation &seen, QByteArray body,
                    QList<QPair<QByteArray, QByteArray>> headers, const QString &errorCode = {});

    ProbeSettings m_settings;
    KeyProvider *m_keyProvider = nullptr;
    TunnelProvider *m_tunnelProvider = nullptr;
    QHash<int, quint16> m_tunnelPorts; ///< target index -> local port, for the next start
    bool m_online = true;
    bool m_pumping = false;
    QList<ProbeTarget> m_targets;
    std::vector<Slot> m_slots;
    std::vector<int> m_free;
    std::deque<int> m_queue;
    std::vector<QNetworkAccessManager *> m_managers;
    size_t m_nextManager = 0;
    QHash<QString, QString> m_keys;
    QHash<QString, QList<int>> m_waitingForKey;
    quint64 m_generation = 0;
};

} // namespace ph
