// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace.h"

#include <algorithm>

namespace ph {

namespace {

template <typename T> const T *findByName(const QList<T> &list, const QString &name)
{
    const auto it = std::find_if(list.cbegin(), list.cend(),
                                 [&name](const T &item) { return item.name == name; });
    return it == list.cend() ? nullptr : &*it;
}

} // namespace

const Environment *Workspace::environment(const QString &name) const
{
    return findByName(environments, name);
}

const Service *Workspace::service(const QString &name) const
{
    return findByName(services, name);
}

const Host *Workspace::host(const QString &name) const
{
    return findByName(hosts, name);
}

const BackupJob *Workspace::backupJob(const QString &name) const
{
    return findByName(backupJobs, name);
}

QList<Service> Workspace::servicesIn(const QString &environment) const
{
    QList<Service> result;
    std::copy_if(services.cbegin(), services.cend(), std::back_inserter(result),
                 [&environment](const Service &s) { return s.environment == environment; });
    return result;
}

QList<Host> Workspace::hostsIn(const QString &environment) const
{
    QList<Host> result;
    std::copy_if(hosts.cbegin(), hosts.cend(), std::back_inserter(result),
                 [&environment](const Host &h) { return h.environment == environment; });
    return result;
}

QList<Host> Workspace::hostsInGroup(const QString &group) const
{
    QList<Host> result;
    std::copy_if(hosts.cbegin(), hosts.cend(), std::back_inserter(result),
                 [&group](const Host &h) { return h.groups.contains(group); });
    return result;
}

bool Workspace::isProduction(const QString &environment) const
{
    const Environment *env = this->environment(environment);
    return env && env->production;
}

PrometheusServer Workspace::prometheusFor(const QString &environment) const
{
    const Environment *env = this->environment(environment);
    if (env && !env->prometheus.url.isEmpty())
        return env->prometheus;
    return PrometheusServer{settings.prometheusUrl, {}};
}

} // namespace ph
