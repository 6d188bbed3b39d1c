"""Side-by-side comparison of a few models, for the compare page and its JSON twin."""

from sqlalchemy.orm import Session

from harga.api.documents import model_document
from harga.api.schemas import ComparedModel, Comparison
from harga.views.currency import DisplayCurrency

MAX_COMPARED = 6
COMPARED_FACTS = (
    "context_window",
    "max_output_tokens",
    "knowledge_cutoff",
    "reasoning",
    "tool_call",
    "vision",
    "input_modalities",
)


def compare_models(session: Session, model_ids: list[str], currency: DisplayCurrency) -> Comparison:
    compared, missing = [], []
    for model_id in model_ids[:MAX_COMPARED]:
        document = model_document(session, model_id, currency)
        if document is None:
            missing.append(model_id)
            continue
        compared.append(
            ComparedModel(
                id=document.id,
                name=document.name,
                creator_name=document.creator_name,
                headline=document.headline,
                facts={key: document.facts[key].value for key in COMPARED_FACTS},
                offer_count=len(document.offers),
                url=f"/models/{document.id}",
            )
        )
    return Comparison(models=compared, missing=missing)
