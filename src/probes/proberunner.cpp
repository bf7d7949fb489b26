// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/proberunner.h"

#include "core/logging.h"
#include "probes/keyprovider.h"
#include "probes/tunnelprovider.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimerEvent>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Enough to judge any health body, small enough that the manager never holds much
// more than our own size limit.
constexpr qint64 ReadBufferBytes = 64 * 1024;

ProbeTransport transportFor(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return ProbeTransport::Refused;
    case QNetworkReply::HostNotFoundError:
        return ProbeTransport::HostNotFound;
    case QNetworkReply::RemoteHostClosedError:
        return ProbeTransport::RemoteClosed;
    case QNetworkReply::TimeoutError:
        return ProbeTransport::TimedOut;
    // Only the transfer timeout cancels a request we did not abort ourselves.
    case QNetworkReply::OperationCanceledError:
        return ProbeTransport::Inactive;
    case QNetworkReply::SslHandshakeFailedError:
        return ProbeTransport::Tls;
    default:
        return ProbeTransport::Network;
    }
}

} // namespace

ProbeRunner::ProbeRunner(QObject *parent)
    : QObject(parent)
{
    setSettings(ProbeSettings{});
}

ProbeRunner::~ProbeRunner()
{
    cancelAll();
}

void ProbeRunner::setSettings(const ProbeSettings &settings)
{
    m_settings = settings;
    m_settings.maxInFlight = qMax(1, m_settings.maxInFlight);
    m_settings.managerCount = qMax(1, m_settings.managerCount);
    if (inFlightCount() == 0 && int(m_slots.size()) != m_settings.maxInFlight) {
        std::vector<Slot> fresh(size_t(m_settings.maxInFlight));
        m_slots.swap(fresh);
        m_free.clear();
        m_free.reserve(m_slots.size());
        for (int i = int(m_slots.size()) - 1; i >= 0; --i)
            m_free.push_back(i);
    }
}

void ProbeRunner::setKeyProvider(KeyProvider *provider)
{
    m_keyProvider = provider;
    m_keys.clear();
}

void ProbeRunner::setTargets(QList<ProbeTarget> targets)
{
    cancelAll();
    m_targets = std::move(targets);
    m_tunnelPorts.clear();
}

void ProbeRunner::enqueue(int index)
{
    Q_ASSERT(index >= 0 && index < m_targets.size());
    m_queue.push_back(index);
    pump();
}

void ProbeRunner::cancelAll()
{
    m_queue.clear();
    m_waitingForKey.clear();
    ++m_generation; // tunnels still opening report to nobody
    for (size_t i = 0; i < m_slots.size(); ++i) {
        Slot &slot = m_slots[i];
        if (!slot.reply)
            continue;
        slot.cancelled = true;
        // abort() emits finished synchronously; onFinished frees the slot.
        slot.reply->abort();
    }
}

void ProbeRunner::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_free.empty() && !m_queue.empty()) {
        const int index = m_queue.front();
        m_queue.pop_front();
        start(index);
    }
    m_pumping = false;
}

void ProbeRunner::start(int index)
{
    const ProbeTarget &t = m_targets.at(index);
    if (!t.configError.isEmpty()) {
        finishWithoutRequest(index, ProbeTransport::Config, t.configError);
        return;
    }
    if (t.keyEntry.isEmpty()) {
        beginRequest(index, {});
        return;
    }
    const auto cached = m_keys.constFind(t.keyEntry);
    if (cached != m_keys.constEnd()) {
        beginRequest(index, cached->toUtf8());
        return;
    }
    if (!m_keyProvider) {
        finishWithoutRequest(index, ProbeTransport::KeyMissing, t.keyEntry);
        return;
    }
    // One keychain read per entry, however many endpoints wait for it.
    QList<int> &waiters = m_waitingForKey[t.keyEntry];
    waiters.append(index);
    if (waiters.size() == 1) {
        const QString entry = t.keyEntry;
        m_keyProvider->key(entry, this,
                           [this, entry](Result<QString> key) { keyArrived(entry, key); });
    }
}

void ProbeRunner::beginRequest(int index, const QByteArray &key)
{
    const ProbeTarget &t = m_targets.at(index);
    if (t.via.isEmpty()) {
        startRequest(index, key);
        return;
    }
    if (const auto port = m_tunnelPorts.constFind(index); port != m_tunnelPorts.constEnd()) {
        const quint16 local = *port;
        m_tunnelPorts.erase(port);
        startRequest(index, key, local);
        return;
    }
    if (!m_tunnelProvider) {
        finishWithoutRequest(index, ProbeTransport::Config,
                             tr("tunnel via %1: SSH tunnels are not available here").arg(t.via));
        return;
    }
    const QUrl url = t.request.url();
    const int port = url.port(url.scheme() == u"https"_s ? 443 : 80);
    const quint64 generation = m_generation;
    m_tunnelProvider->localPort(
        t.via, url.host(), port, this, [this, index, generation](Result<quint16> local) {
            if (generation != m_generation)
                return;
            if (!local) {
                finishWithoutRequest(index, ProbeTransport::Network, local.error().message,
                                     local.error().code);
                return;
            }
            // Back through the queue: a free slot is not certain now.
            m_tunnelPorts.insert(index, *local);
            m_queue.push_front(index);
            pump();
        });
}

void ProbeRunner::keyArrived(const QString &entry, const Result<QString> &key)
{
    const QList<int> waiters = m_waitingForKey.take(entry);
    if (key && !key->isEmpty()) {
        m_keys.insert(entry, *key);
        // Back to the front: these were already due when they started waiting.
        for (auto it = waiters.crbegin(); it != waiters.crend(); ++it)
            m_queue.push_front(*it);
        pump();
        return;
    }
    // "Not set" has its own message; anything else (keychain locked, absent, slow) is
    // passed on as the keychain said it, since the fix is different.
    const bool notSet = key || key.error().code == u"keychain.not_found"_s;
    QString detail = entry;
    if (!notSet) {
        qCInfo(lcProbes) << "dashboard key" << entry << "unavailable:" << key.error().toString();
        detail = tr("dashboard key %1 could not be read: %2").arg(entry, key.error().message);
    }
    for (int index : waiters)
        finishWithoutRequest(index, notSet ? ProbeTransport::KeyMissing : ProbeTransport::Config,
                             detail);
}

QNetworkAccessManager *ProbeRunner::nextManager()
{
    if (m_managers.size() < size_t(m_settings.managerCount)) {
        auto *manager = new QNetworkAccessManager(this);
        // The probe measures the service, not a cache or a stored cookie.
        manager->setCookieJar(nullptr);
        m_managers.push_back(manager);
        return manager;
    }
    QNetworkAccessManager *manager = m_managers[m_nextManager % m_managers.size()];
    ++m_nextManager;
    return manager;
}

void ProbeRunner::startRequest(int index, const QByteArray &key, quint16 tunnelPort)
{
    const ProbeTarget &t = m_targets.at(index);
    QNetworkRequest request = t.request;
    if (!key.isEmpty())
        request.setRawHeader(QByteArrayLiteral("X-Dash-Key"), key);
    if (tunnelPort != 0)
        routeThroughTunnel(request, tunnelPort);
    const int s = m_free.back();
    m_free.pop_back();
    Slot &slot = m_slots[size_t(s)];
    slot.target = index;
    slot.sent = false;
    slot.cancelled = false;
    slot.keySent = !key.isEmpty();
    slot.abortReason = ProbeTransport::Answered;
    slot.bodyBytes = 0;
    slot.body.resize(0);
    slot.tlsErrors.clear();

    QNetworkAccessManager *manager = nextManager();
    QNetworkReply *reply =
        t.method == "GET" ? manager->get(request) : manager->sendCustomRequest(request, t.method);
    slot.reply = reply;
    reply->setReadBufferSize(ReadBufferBytes);
    slot.clock.start();
    slot.deadline.start(m_settings.deadlineMs, Qt::PreciseTimer, this);

    connect(reply, &QNetworkReply::requestSent, this, [this, s]() {
        Slot &sl = m_slots[size_t(s)];
        sl.sent = true;
        sl.clock.start();
    });
    connect(reply, &QIODevice::readyRead, this, [this, s]() { onReadyRead(s); });
    connect(reply, &QNetworkReply::sslErrors, this, [this, s](const QList<QSslError> &errors) {
        // Collected for the message and never ignored: the handshake then fails.
        for (const QSslError &e : errors)
            m_slots[size_t(s)].tlsErrors.append(e.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, [this, s]() { onFinished(s); });
}

void ProbeRunner::onReadyRead(int s)
{
    Slot &slot = m_slots[size_t(s)];
    if (!slot.reply || slot.abortReason != ProbeTransport::Answered)
        return;
    if (!drain(slot)) {
        slot.abortReason = ProbeTransport::TooLarge;
        slot.reply->abort(); // finishes synchronously; the slot may be reused after this
    }
}

bool ProbeRunner::drain(Slot &slot)
{
    const qint64 available = slot.reply->bytesAvailable();
    if (available <= 0)
        return true;
    if (slot.bodyBytes + available > m_settings.maxBodyBytes)
        return false;
    slot.bodyBytes += available;
    if (m_settings.keepBodies || m_targets.at(slot.target).expect.healthBody)
        slot.body.append(slot.reply->read(available));
    else
        slot.reply->skip(available);
    return true;
}

void ProbeRunner::timerEvent(QTimerEvent *event)
{
    for (Slot &slot : m_slots) {
        if (slot.deadline.timerId() != event->timerId())
            continue;
        slot.deadline.stop();
        if (slot.reply && slot.abortReason == ProbeTransport::Answered) {
            slot.abortReason = ProbeTransport::Deadline;
            slot.reply->abort();
        }
        return;
    }
    QObject::timerEvent(event);
}

void ProbeRunner::onFinished(int s)
{
    Slot &slot = m_slots[size_t(s)];
    QNetworkReply *reply = slot.reply;
    if (!reply)
        return;
    slot.deadline.stop();
    // Whatever arrived with the end of the transfer still counts against the limit.
    if (!slot.cancelled && slot.abortReason == ProbeTransport::Answered && !drain(slot))
        slot.abortReason = ProbeTransport::TooLarge;
    slot.reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    const int index = slot.target;
    const bool cancelled = slot.cancelled;
    m_free.push_back(s);
    if (cancelled)
        return;

    const int latency = slot.sent ? int(slot.clock.elapsed()) : -1;

    ProbeObservation seen;
    seen.latencyMs = latency;
    seen.keySent = slot.keySent;
    seen.limitBytes = m_settings.maxBodyBytes;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (slot.abortReason != ProbeTransport::Answered) {
        seen.transport = slot.abortReason;
        seen.limitMs = m_settings.deadlineMs;
    } else if (status > 0) {
        seen.transport = ProbeTransport::Answered;
        seen.statusCode = status;
    } else {
        seen.transport = transportFor(reply->error());
        seen.limitMs = m_settings.inactivityTimeoutMs;
        seen.detail = seen.transport == ProbeTransport::Tls && !slot.tlsErrors.isEmpty()
                          ? slot.tlsErrors.join(u"; "_s)
                          : reply->errorString();
    }
    if (status > 0)
        seen.statusCode = status;

    QList<QPair<QByteArray, QByteArray>> headers;
    if (m_settings.keepBodies)
        headers = reply->rawHeaderPairs();
    QByteArray body;
    if (m_settings.keepBodies)
        body = std::exchange(slot.body, QByteArray());
    else
        body = slot.body; // shared, not copied; the slot reuses its buffer next time

    const ProbeTarget &t = m_targets.at(index);
    if (seen.statusCode == 401 && slot.keySent)
        m_keys.remove(t.keyEntry); // a rotated key is read again next time

    emitResult(index, seen, std::move(body), std::move(headers));
    pump();
}

void ProbeRunner::finishWithoutRequest(int index, ProbeTransport transport, const QString &detail,
                                       const QString &errorCode)
{
    ProbeObservation seen;
    seen.transport = transport;
    seen.detail = detail;
    emitResult(index, seen, {}, {}, errorCode);
}

void ProbeRunner::emitResult(int index, const ProbeObservation &seen, QByteArray body,
                             QList<QPair<QByteArray, QByteArray>> headers, const QString &errorCode)
{
    const ProbeTarget &t = m_targets.at(index);
    const Judgement judgement = judgeProbe(t.expect, seen, body, m_online);
    ProbeResult result;
    result.service = t.service;
    result.endpoint = t.endpoint;
    result.url = t.url;
    result.verdict = judgement.verdict;
    result.error = judgement.error;
    if (judgement.verdict != Verdict::Pass)
        result.errorCode = errorCode;
    result.statusCode = seen.statusCode;
    result.latencyMs = seen.latencyMs;
    result.checkedAt = QDateTime::currentDateTimeUtc();
    if (m_settings.keepBodies) {
        result.body = std::move(body);
        result.headers = std::move(headers);
    }
    Q_EMIT resultReady(index, result);
}

void routeThroughTunnel(QNetworkRequest &request, quint16 tunnelPort)
{
    QUrl url = request.url();
    QString authority = url.host(QUrl::FullyEncoded);
    if (authority.contains(u':'))
        authority = u'[' + authority + u']';
    if (url.port() != -1)
        authority += u':' + QString::number(url.port());
    request.setRawHeader(QByteArrayLiteral("Host"), authority.toLatin1());
    if (url.scheme() == u"https"_s)
        request.setPeerVerifyName(url.host());
    url.setHost(u"127.0.0.1"_s);
    url.setPort(tunnelPort);
    request.setUrl(url);
}

} // namespace ph
