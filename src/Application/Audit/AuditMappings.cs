using Mapster;
using Users.Application.Audit.Queries.ListAuditEvents;
using Users.Domain.Audit;

namespace Users.Application.Audit;

/// <summary>How audit entries map to <see cref="AuditEventRead"/>: by name, the type as its contract name (<c>login_succeeded</c>).</summary>
public sealed class AuditMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<AuditEvent, AuditEventRead>().Map(read => read.Type, entry => AuditEventTypes.Name(entry.Type));
    }
}
